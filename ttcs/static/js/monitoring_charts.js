// Monitoring charts; data from a json_script block (no inline script).
(function () {
  "use strict";
  var node = document.getElementById("monitoring-chart-data");
  if (!node || typeof echarts === "undefined") { return; }
  var data = JSON.parse(node.textContent);
  var colors = { "Tích cực": "#2e7d32", "Trung tính": "#78909c", "Tiêu cực": "#c62828", "Đan xen": "#ef6c00" };
  function bar(id, pairs) {
    var el = document.getElementById(id);
    if (!el) { return; }
    echarts.init(el).setOption({
      tooltip: { trigger: "axis" }, grid: { left: 160 },
      xAxis: { type: "value" },
      yAxis: { type: "category", inverse: true, data: pairs.map(function (p) { return p[0]; }) },
      series: [{ type: "bar", data: pairs.map(function (p) { return p[1]; }), color: "#1f3b6e" }]
    });
  }
  var vol = document.getElementById("ch-volume");
  if (vol) {
    echarts.init(vol).setOption({
      tooltip: { trigger: "axis" }, legend: {},
      xAxis: { type: "category", data: data.days }, yAxis: { type: "value" },
      series: data.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "v", data: s.data, color: colors[s.name] };
      })
    });
  }
  bar("ch-topics", data.topics);
  bar("ch-localities", data.localities);
  bar("ch-sources", data.sources);
})();
