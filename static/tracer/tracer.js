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
