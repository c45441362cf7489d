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
