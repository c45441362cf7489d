// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // Filter forms: a changed select applies at once.
  document.querySelectorAll("form[data-autosubmit] select").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
  });
  // Destructive buttons ask first.
  document.querySelectorAll("[data-confirm]").forEach((element) => {
    element.addEventListener("click", (event) => {
      if (!window.confirm(element.dataset.confirm)) event.preventDefault();
    });
  });
});

// The incident form's live severity assessment: the server decides, the page only shows what it says.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-severity-form]");
  if (!form) return;
  const result = form.querySelector("[data-assessment-result]");
  const level = result.querySelector("[data-level]");
  const reason = result.querySelector("[data-reason]");
  const hint = form.querySelector("[data-major-hint]");
  const override = form.querySelector("select[name=severity]");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const answers = () => {
    const body = {};
    form.querySelectorAll(".assessment input[type=checkbox]").forEach((box) => { body[box.name] = box.checked; });
    body.affected_parties_count = parseInt(form.querySelector("input[name=affected_parties_count]").value || "0", 10) || 0;
    return body;
  };
  let pending = 0;
  const assess = async () => {
    const ticket = ++pending;
    try {
      const response = await fetch(form.dataset.assessUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify(answers()),
        credentials: "same-origin",
      });
      if (ticket !== pending) return;
      const data = await response.json();
      if (!response.ok) {
        level.textContent = "?";
        result.dataset.severity = "";
        reason.textContent = data.message || "The answers could not be assessed.";
        return;
      }
      const chosen = override ? override.value : "";
      const shown = chosen || data.severity;
      level.textContent = shown;
      result.dataset.severity = shown;
      reason.textContent = chosen
        ? `Overridden to ${chosen}; the assessment gives ${data.severity}.`
        : data.reasons.length ? `${data.severity} because ${data.reasons.join("; ")}.` : "Nothing that makes it urgent is ticked: P4 (low).";
      hint.hidden = !["P1", "P2"].includes(shown);
    } catch (error) {
      reason.textContent = "The assessment service did not answer; the severity is decided when you submit.";
    }
  };
  form.querySelectorAll(".assessment input, input[name=affected_parties_count], select[name=severity]").forEach((input) => {
    input.addEventListener("change", assess);
  });
  assess();
});

// Print buttons (no inline handlers: the Content-Security-Policy allows only this file's scripts).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});

// A form is sent once: its submit buttons are disabled while the page changes (the server's one-time token
// refuses a second post anyway, for pages without this script).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
  if (form.dataset.sending) { event.preventDefault(); return; }
  form.dataset.sending = "1";
  window.setTimeout(() => {
    form.querySelectorAll("button[type=submit], button:not([type])").forEach((button) => { button.disabled = true; });
  }, 0);
});
window.addEventListener("pageshow", () => {
  document.querySelectorAll("form[data-sending]").forEach((form) => {
    delete form.dataset.sending;
    form.querySelectorAll("button").forEach((button) => { button.disabled = false; });
  });
});

// Filter boxes that take a record id become pickers that search by name (the id still goes in the query).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[data-picker]").forEach((idInput, index) => {
    const base = `/lookup/${idInput.dataset.picker}/`;
    const search = document.createElement("input");
    const list = document.createElement("datalist");
    list.id = `picker-${index}`;
    search.type = "search";
    search.className = "picker-search";
    search.setAttribute("list", list.id);
    search.setAttribute("aria-label", idInput.closest("label") ? idInput.closest("label").textContent.trim() : "Search by name");
    search.placeholder = "Type a name";
    idInput.type = "hidden";
    idInput.after(search, list);
    const labels = new Map();
    const fill = (rows) => {
      list.replaceChildren(...rows.map((row) => { labels.set(row.label, row.id); const option = document.createElement("option"); option.value = row.label; return option; }));
    };
    const ask = async (query) => {
      const response = await fetch(base + "?" + new URLSearchParams(query), { credentials: "same-origin" });
      return response.ok ? (await response.json()).results : [];
    };
    if (idInput.value) ask({ id: idInput.value }).then((rows) => { if (rows.length) { fill(rows); search.value = rows[0].label; } });
    let timer = 0;
    search.addEventListener("input", () => {
      if (labels.has(search.value)) { idInput.value = labels.get(search.value); return; }
      idInput.value = "";
      window.clearTimeout(timer);
      timer = window.setTimeout(() => ask({ q: search.value }).then(fill), 200);
    });
  });
});
