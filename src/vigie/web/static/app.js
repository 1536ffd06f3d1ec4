// vigie workspace: keyboard shortcuts and charts. No inline script anywhere (the CSP forbids
// it): chart data comes from <script type="application/json"> blocks, which never run.
(function () {
  "use strict";

  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
  }

  var current = -1;
  function results() { return Array.prototype.slice.call(document.querySelectorAll("[data-result]")); }
  function select(i) {
    var items = results();
    if (!items.length) return;
    current = Math.max(0, Math.min(items.length - 1, i));
    items.forEach(function (el, n) {
      el.classList.toggle("current", n === current);
      if (n === current) el.setAttribute("aria-current", "true"); else el.removeAttribute("aria-current");
    });
    var link = items[current].querySelector("[data-open]") || items[current].querySelector("a");
    if (link) link.focus({ preventScroll: true });
    items[current].scrollIntoView({ block: "nearest" });
  }

  function openHelp() {
    var d = document.getElementById("help");
    if (d && !d.open) d.showModal();
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (typing(document.activeElement)) {
      if (e.key === "Escape") document.activeElement.blur();
      return;
    }
    if (e.key === "/") {
      var q = document.getElementById("q");
      if (q) { e.preventDefault(); q.focus(); q.select(); }
    } else if (e.key === "j") {
      e.preventDefault(); select(current + 1);
    } else if (e.key === "k") {
      e.preventDefault(); select(current - 1);
    } else if (e.key === "o" || (e.key === "Enter" && current >= 0 && !document.activeElement.href)) {
      var items = results();
      if (current >= 0 && items[current]) {
        var link = items[current].querySelector("[data-open]") || items[current].querySelector("a");
        if (link) { e.preventDefault(); window.location.href = link.href; }
      }
    } else if (e.key === "?") {
      e.preventDefault(); openHelp();
    }
  });

  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-help]")) openHelp();
  });

  var COLORS = ["#0b4f9c", "#b34700", "#2e7d32", "#8b2d8e"];

  function drawChart(el) {
    var data;
    try { data = JSON.parse(document.getElementById(el.dataset.chart).textContent); } catch (err) { return; }
    if (!window.uPlot || !data.x || !data.x.length) return;
    var bars = data.kind === "bars";
    var series = [{ label: "" }];
    var values = [data.x];
    data.series.forEach(function (s, i) {
      var opts = { label: s.name, stroke: COLORS[i % COLORS.length], width: 2, points: { show: true, size: 5 } };
      if (bars && uPlot.paths && uPlot.paths.bars) {
        opts.paths = uPlot.paths.bars({ size: [0.6, 60] });
        opts.fill = COLORS[i % COLORS.length] + "99";
        opts.points = { show: false };
      }
      series.push(opts);
      values.push(s.values);
    });
    if (data.kind === "spark") {  // a tile's sparkline: no axes, no legend
      new uPlot({ width: 180, height: 44, series: [{}, { stroke: COLORS[0], width: 1.5, fill: "#0b4f9c22" }],
                  axes: [{ show: false }, { show: false }], legend: { show: false }, cursor: { show: false },
                  scales: { x: { time: true }, y: { range: function (u, lo, hi) { return [0, Math.max(1, hi)]; } } } },
                [data.x, data.series[0].values], el);
      el.dataset.rendered = "true";
      return;
    }
    var width = Math.max(280, Math.min(el.clientWidth || 600, 900));
    // a lone point or the outer bars need room around them (half a period); counts start at zero
    var step = data.x.length > 1 ? data.x[1] - data.x[0] : 30 * 86400;
    var pad = data.x.length > 1 && !bars ? 0 : step / 2;
    var scales = {
      x: { time: true, range: function (u, lo, hi) { return [lo - pad, hi + pad]; } },
      y: { range: function (u, lo, hi) { return [Math.min(0, lo), Math.max(1, hi)]; } }
    };
    var plot = new uPlot({ width: width, height: 200, series: series, scales: scales,
                           axes: [{}, { size: 50 }], legend: { show: data.series.length > 1 } }, values, el);
    if (el.dataset.links) {  // a bar opens the search narrowed to its period
      var links = JSON.parse(document.getElementById(el.dataset.links).textContent);
      plot.over.style.cursor = "pointer";
      plot.over.addEventListener("click", function () {
        var i = plot.cursor.idx;
        if (i != null && links[i]) window.location.href = links[i];
      });
    }
    el.dataset.rendered = "true";
    el.plot = plot;
  }

  function ready() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), drawChart);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready); else ready();
})();
