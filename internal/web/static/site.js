// guantong: the little the pages do with JavaScript. Every page works without it.
(function () {
  "use strict";

  // A page sent back with mistakes: focus goes to its summary of them (data-errors, the page's
  // one live region) so that it is read first and Tab continues from there; a form without a
  // summary focuses its first field in error, whose aria-describedby reads the message, or
  // else the first message (of a group of checkboxes or radios, say).
  var mistake = document.querySelector("[data-errors]") || document.querySelector('[aria-invalid="true"]');
  if (!mistake) {
    mistake = document.querySelector(".field-error");
    if (mistake) mistake.tabIndex = -1;
  }
  if (mistake && (!document.activeElement || document.activeElement === document.body)) {
    mistake.focus();
  }

  // 打印结果: the button is hidden for browsers without JavaScript.
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });

  // 全选: the header box of a batch table ticks or clears every row of its form; hidden
  // without JavaScript, where each row is ticked by hand.
  document.querySelectorAll("[data-select-all]").forEach(function (all) {
    var form = all.closest("form");
    if (!form) return;
    var picks = function () { return Array.prototype.slice.call(form.querySelectorAll("input.pick")); };
    all.hidden = false;
    all.addEventListener("change", function () {
      picks().forEach(function (p) { p.checked = all.checked; });
    });
    form.addEventListener("change", function (e) {
      if (e.target === all || !e.target.classList.contains("pick")) return;
      var ps = picks();
      all.checked = ps.every(function (p) { return p.checked; });
      all.indeterminate = !all.checked && ps.some(function (p) { return p.checked; });
    });
  });

  // Repeating rows (certificates, titles, assessments, work periods, awards, occupations): show
  // the filled ones and one empty one, and a button that shows the next hidden row or, once
  // all are shown, adds one more like the last, up to the number in data-rows. Without
  // JavaScript all rendered rows are shown: the server renders one empty row to spare.
  document.querySelectorAll("[data-rows]").forEach(function (set) {
    var max = parseInt(set.getAttribute("data-rows"), 10) || 20;
    var rows = function () { return Array.prototype.slice.call(set.querySelectorAll("[data-row]")); };
    var hidden = function (row) { return row.hidden; };
    var blank = function (row) {
      return !row.querySelector("[aria-invalid]") &&
        Array.prototype.every.call(row.querySelectorAll("input, select"), function (f) { return !f.value; });
    };
    var all = rows();
    if (!all.length) return;
    for (var i = all.length - 1; i > 0 && blank(all[i]) && blank(all[i - 1]); i--) {
      all[i].hidden = true;
    }
    // number is the row's number in its fields' names: 3 for work.3.from.
    var number = function (row) {
      var f = row.querySelector("[name]");
      var m = f && /^[a-z_]+\.(\d+)\./.exec(f.name);
      return m ? parseInt(m[1], 10) : -1;
    };
    // another copies the last row, empty, its names, ids and labels renumbered to n.
    var another = function (last, n) {
      var row = last.cloneNode(true);
      var renumber = function (el, attr, sep) {
        var v = el.getAttribute(attr);
        if (v) el.setAttribute(attr, v.replace(new RegExp("^([a-z_]+)\\" + sep + "\\d+\\" + sep), "$1" + sep + n + sep));
      };
      row.querySelectorAll("[name]").forEach(function (el) { renumber(el, "name", "."); });
      row.querySelectorAll("[id]").forEach(function (el) { renumber(el, "id", "-"); });
      row.querySelectorAll("label[for]").forEach(function (el) { renumber(el, "for", "-"); });
      row.querySelectorAll(".field-error").forEach(function (el) { el.remove(); });
      row.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
      // A row's fields are described only by their own messages, removed above.
      row.querySelectorAll("[aria-describedby]").forEach(function (el) { el.removeAttribute("aria-describedby"); });
      row.querySelectorAll("input").forEach(function (el) { el.removeAttribute("value"); el.value = ""; });
      row.querySelectorAll("select").forEach(function (el) {
        Array.prototype.forEach.call(el.options, function (o) { o.removeAttribute("selected"); });
        el.selectedIndex = 0;
      });
      row.hidden = false;
      last.parentNode.insertBefore(row, last.nextSibling);
      return row;
    };
    var full = function () { var r = rows(); return r.length >= max && !r.some(hidden); };
    if (full()) return;
    var add = document.createElement("button");
    add.type = "button";
    add.className = "button add-row";
    add.textContent = "＋ 再添加一项";
    var legend = set.querySelector("legend");
    if (legend) add.setAttribute("aria-label", "再添加一项" + legend.textContent.trim());
    add.addEventListener("click", function () {
      var r = rows();
      var next = r.find(hidden);
      if (next) {
        next.hidden = false;
      } else {
        var last = r[r.length - 1];
        next = another(last, Math.max.apply(null, r.map(number)) + 1);
      }
      var first = next.querySelector("input, select");
      if (first) first.focus();
      if (full()) add.remove();
    });
    set.appendChild(add);
  });
})();
