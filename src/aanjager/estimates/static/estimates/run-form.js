// New estimate: show the file fields of the chosen input only. Without script all fields stay visible and the
// server ignores the files of the input that was not chosen.
(function () {
  var radios = document.querySelectorAll("input[name='source']");
  if (!radios.length) return;
  function update() {
    var chosen = document.querySelector("input[name='source']:checked");
    document.querySelectorAll("[data-source]").forEach(function (input) {
      var field = input.closest(".form-field");
      if (field) field.hidden = !!chosen && input.getAttribute("data-source") !== chosen.value;
    });
  }
  radios.forEach(function (radio) { radio.addEventListener("change", update); });
  update();
})();

// Stay classes: switching the family puts in that family's default thresholds, unless the user changed them.
(function () {
  var radios = document.querySelectorAll("input[name='stay_family']");
  var holder = document.querySelector("[data-stay-defaults]");
  var shortMax = document.getElementById("id_short_max");
  var midMax = document.getElementById("id_mid_max");
  if (!radios.length || !holder || !shortMax || !midMax) return;
  var defaults = JSON.parse(holder.getAttribute("data-stay-defaults"));
  var current = (document.querySelector("input[name='stay_family']:checked") || radios[0]).value;
  radios.forEach(function (radio) {
    radio.addEventListener("change", function () {
      var before = defaults[current], after = defaults[radio.value];
      if (String(shortMax.value) === String(before[0]) && String(midMax.value) === String(before[1])) {
        shortMax.value = after[0];
        midMax.value = after[1];
      }
      current = radio.value;
    });
  });
})();
