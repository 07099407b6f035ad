// Progressive enhancement of the form; everything works without it.
// - Enter in a text field does not send the form (without the script it
//   only saves the draft).
// - The contact roles follow the chosen topics: the roles the chosen
//   topics print stay in view, the others move behind "Fler roller" (the
//   server does the same on every save).
// No other host is contacted.
(function () {
  "use strict";
  var form = document.getElementById("order");
  if (!form) { return; }

  form.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key !== "Enter" || !t || t.tagName !== "INPUT") { return; }
    if (t.type === "submit" || t.type === "button" || t.type === "file") { return; }
    e.preventDefault();
  });
  // Implicit submission (Enter) uses the form's first button, the hidden
  // "save" button: with the script, Enter does nothing.
  form.addEventListener("submit", function (e) {
    if (e.submitter && e.submitter.classList.contains("default-action")) { e.preventDefault(); }
  });

  var main = document.getElementById("roles-main");
  var more = document.getElementById("roles-more");
  var details = document.getElementById("more-roles");
  var topics = form.querySelectorAll('input[name="topics"]');
  if (!main || !more || !details || topics.length === 0) { return; }
  var roles = Array.prototype.slice.call(form.querySelectorAll("fieldset.role"));

  function filled(role) {
    return Array.prototype.some.call(role.querySelectorAll("input[type=text], input[type=tel], input[type=email], input[type=url]"),
      function (i) { return i.value.trim() !== ""; });
  }
  function place() {
    var chosen = Array.prototype.filter.call(topics, function (t) { return t.checked; })
      .map(function (t) { return t.value; });
    var hidden = 0;
    roles.forEach(function (role) {
      var ts = (role.getAttribute("data-topics") || "").split(" ");
      var show = chosen.length === 0 || filled(role) || ts.some(function (t) { return chosen.indexOf(t) >= 0; });
      (show ? main : more).appendChild(role);
      if (!show) { hidden++; }
    });
    details.hidden = hidden === 0;
  }
  Array.prototype.forEach.call(topics, function (t) { t.addEventListener("change", place); });
})();
