// "Insert an image from the library" beside the body's prose editor: a dialog lists library images (searchable);
// a pick inserts a figure whose <img> points at the library file, with the image's alt text and caption. The page
// later renders it with the same responsive <picture> as a hero; the sanitiser keeps only images from our storage.
(function () {
  "use strict";

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function figureHtml(choice) {
    var figure = element("figure");
    figure.appendChild(element("img", { src: choice.src, alt: choice.alt }));
    figure.appendChild(element("figcaption", {}, choice.caption));
    return figure.outerHTML;
  }

  function buildDialog(url, onPick) {
    var dialog = element("dialog", { class: "library-picker", "aria-labelledby": "library-picker-title" });
    dialog.appendChild(element("h2", { id: "library-picker-title" }, "Insert an image from the library"));
    var search = element("input", { type: "search", placeholder: "Search titles, alt text, tags", "aria-label": "Search the library" });
    var list = element("ul", { class: "library-picker__list", role: "list" });
    var status = element("p", { role: "status", class: "help" });
    var close = element("button", { type: "button", class: "button" }, "Cancel");
    close.addEventListener("click", function () { dialog.close(); });
    [search, status, list, close].forEach(function (node) { dialog.appendChild(node); });

    function load() {
      fetch(url + "?q=" + encodeURIComponent(search.value), { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          list.replaceChildren();
          status.textContent = data.images.length ? "" : "No image matches.";
          data.images.forEach(function (choice) {
            var item = element("li");
            var button = element("button", { type: "button", class: "library-picker__choice", "data-image-id": choice.id });
            button.appendChild(element("img", { src: choice.thumbnail, alt: "", width: "160", loading: "lazy" }));
            button.appendChild(element("span", {}, choice.title));
            button.addEventListener("click", function () { dialog.close(); onPick(choice); });
            item.appendChild(button);
            list.appendChild(item);
          });
        });
    }
    var timer;
    search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(load, 250); });
    dialog.load = load;
    return dialog;
  }

  document.addEventListener("prose-editor:ready", function (event) {
    var textarea = event.detail.textarea;
    var editor = event.detail.editor;
    var url = textarea && textarea.getAttribute("data-image-library-url");
    if (!url || !editor) return;
    var dialog = buildDialog(url, function (choice) {
      editor.chain().focus().insertContent(figureHtml(choice)).run();
    });
    var open = element("button", { type: "button", class: "button library-picker__open" }, "Insert image from library");
    open.addEventListener("click", function () { dialog.load(); dialog.showModal(); });
    var anchor = textarea.closest(".prose-editor") || textarea;
    anchor.parentNode.insertBefore(open, anchor);
    document.body.appendChild(dialog);
  });
})();
