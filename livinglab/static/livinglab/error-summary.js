// Moves the focus to the error summary (templates/components/error_summary.html)
// when a form comes back with problems, as GOV.UK's does: screen readers read
// it and the keyboard starts there. A link in it then focuses its field.
// The summary works without this file.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) {
      return;
    }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) {
      return;
    }
    var input = target.matches("input, select, textarea, button")
      ? target
      : target.querySelector("input, select, textarea, button");
    if (input) {
      event.preventDefault();
      var holder = input.closest("fieldset, .field") || input;
      holder.scrollIntoView();
      input.focus({ preventScroll: true });
    }
  });
});
