// The image library's focal point: a click on the picture stores where it fell, as fractions of the width and
// height, in the form's hidden focal_x / focal_y fields; the marker and the readout follow.
(function () {
  "use strict";
  function setUp(picker) {
    var image = picker.querySelector("img");
    var marker = picker.querySelector("[data-focal-marker]");
    var readout = picker.parentElement.querySelector("[data-focal-readout]");
    var fieldX = document.getElementById("id_focal_x");
    var fieldY = document.getElementById("id_focal_y");
    if (!image || !fieldX || !fieldY) return;
    image.addEventListener("click", function (event) {
      var box = image.getBoundingClientRect();
      var x = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
      var y = Math.min(1, Math.max(0, (event.clientY - box.top) / box.height));
      fieldX.value = x.toFixed(4);
      fieldY.value = y.toFixed(4);
      marker.style.left = (x * 100).toFixed(1) + "%";
      marker.style.top = (y * 100).toFixed(1) + "%";
      if (readout) {
        readout.textContent = "Focal point set at " + Math.round(x * 100) + "% across, " + Math.round(y * 100) +
          "% down. Save to keep it.";
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-focal-picker]").forEach(setUp);
  });
})();
