// Progressive enhancement of the form; everything works without it.
// Municipality: a search box above the list that narrows the list as you
// type (the 290 municipalities), using the server's search. No other host
// is contacted.
(function () {
  "use strict";
  var box = document.querySelector(".muni-search");
  var select = document.getElementById("municipality_code");
  if (!box || !select || !window.fetch) { return; }
  var all = Array.prototype.map.call(select.options, function (o) {
    return { value: o.value, label: o.textContent };
  });
  var field = document.createElement("div");
  field.className = "field";
  var label = document.createElement("label");
  label.htmlFor = "municipality-search";
  label.textContent = box.dataset.label;
  var hint = document.createElement("p");
  hint.className = "hint";
  hint.id = "municipality-search-hint";
  hint.textContent = box.dataset.hint;
  var input = document.createElement("input");
  input.type = "search";
  input.id = "municipality-search";
  input.autocomplete = "off";
  input.setAttribute("aria-describedby", "municipality-search-hint municipality-search-count");
  input.setAttribute("aria-controls", "municipality_code");
  var count = document.createElement("p");
  count.id = "municipality-search-count";
  count.setAttribute("aria-live", "polite");
  field.appendChild(label);
  field.appendChild(hint);
  field.appendChild(input);
  field.appendChild(count);
  box.appendChild(field);

  function show(list) {
    var current = select.value;
    while (select.options.length > 0) { select.remove(0); }
    select.add(new Option(all[0].label, ""));
    list.forEach(function (m) {
      var o = new Option(m.label, m.value);
      if (m.value === current) { o.selected = true; }
      select.add(o);
    });
    if (list.length === 1) { select.value = list[0].value; }
    count.textContent = list.length === 0 ? box.dataset.none : box.dataset.count.replace("{n}", String(list.length));
  }

  var pending = 0;
  input.addEventListener("input", function () {
    var q = input.value.trim();
    var ticket = ++pending;
    if (q === "") { show(all.slice(1)); count.textContent = ""; return; }
    fetch("/api/v1/municipalities?max=300&q=" + encodeURIComponent(q), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (ticket !== pending || !data) { return; }
        show(data.municipalities.map(function (m) { return { value: m.code, label: m.name }; }));
      })
      .catch(function () {});
  });
})();
