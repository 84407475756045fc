// Suggests existing tags while an editor types the comma-separated tag list of an article.
// The browser's own <datalist> does the showing; each option is the whole field value with the last tag completed,
// because a datalist matches against the whole value.
"use strict";
(function () {
  function attach(input) {
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    input.after(list);
    var timer = null;
    var lastTerm = null;

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var value = input.value;
        var cut = value.lastIndexOf(",");
        var head = cut >= 0 ? value.slice(0, cut + 1) + " " : "";
        var term = value.slice(cut + 1).trim();
        if (term.length < 2 || term === lastTerm) {
          return;
        }
        lastTerm = term;
        var url = input.dataset.tagSuggestUrl + "?q=" + encodeURIComponent(term);
        fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
          .then(function (response) { return response.ok ? response.json() : {results: []}; })
          .then(function (data) {
            list.replaceChildren();
            data.results.forEach(function (name) {
              var option = document.createElement("option");
              option.value = head + (name.indexOf(" ") >= 0 ? '"' + name + '"' : name);
              list.appendChild(option);
            });
          })
          .catch(function () { list.replaceChildren(); });
      }, 150);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-tag-suggest-url]").forEach(attach);
  });
})();
