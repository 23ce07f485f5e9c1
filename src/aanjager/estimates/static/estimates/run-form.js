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
