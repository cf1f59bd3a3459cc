// Progressive enhancement: suggestions under the search box. Without this
// file the form still works as a plain GET form.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest-url]");
  if (!input || !window.fetch) { return; }
  var list = document.createElement("ul");
  list.id = "q-suggestions";
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-autocomplete", "list");
  input.parentNode.appendChild(list);
  var timer = null;
  var lastQuery = "";
  function clear() { list.innerHTML = ""; list.hidden = true; }
  function show(items) {
    clear();
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.title;  // text, never HTML
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
  }
  input.addEventListener("input", function () {
    var q = input.value.trim();
    window.clearTimeout(timer);
    if (q.length < 2) { clear(); return; }
    timer = window.setTimeout(function () {
      lastQuery = q;
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) { if (q === lastQuery) { show(data.suggestions || []); } })
        .catch(clear);
    }, 150);
  });
  input.addEventListener("keydown", function (e) { if (e.key === "Escape") { clear(); } });
  document.addEventListener("click", function (e) { if (e.target !== input) { clear(); } });
}());
