// Refreshes the campaign progress numbers in the admin while a send runs. The page shows the same numbers
// server-side without this script; it only saves the editor a reload.
(function () {
  "use strict";
  var box = document.getElementById("campaign-progress");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-url");
  function show(data) {
    Object.keys(data).forEach(function (key) {
      var cell = box.querySelector('[data-field="' + key + '"]');
      if (!cell) { return; }
      var value = data[key];
      if (key === "eta_seconds") { value = value === null ? "—" : value + " s"; }
      cell.textContent = String(value);
    });
    return data.status === "sending" || data.status === "scheduled";
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data && show(data)) { window.setTimeout(poll, 2000); } })
      .catch(function () { window.setTimeout(poll, 10000); });
  }
  if (box.getAttribute("data-status") === "sending") { window.setTimeout(poll, 2000); }
})();
