// Charts of the plans dashboard; data comes from a json_script block (no inline script).
(function () {
  "use strict";
  var node = document.getElementById("plans-chart-data");
  if (!node || typeof echarts === "undefined") { return; }
  var data = JSON.parse(node.textContent);
  var status = document.getElementById("chart-status");
  if (status) {
    echarts.init(status).setOption({
      tooltip: { trigger: "item" },
      series: [{ type: "pie", radius: ["40%", "70%"], data: data.status }]
    });
  }
  var agencies = document.getElementById("chart-agencies");
  if (agencies) {
    echarts.init(agencies).setOption({
      tooltip: { trigger: "axis" },
      legend: { data: ["Hoàn thành", "Quá hạn", "Khác"] },
      grid: { left: 220 },
      xAxis: { type: "value" },
      yAxis: { type: "category", data: data.agencies },
      series: [
        { name: "Hoàn thành", type: "bar", stack: "t", data: data.agency_done, color: "#2e7d32" },
        { name: "Quá hạn", type: "bar", stack: "t", data: data.agency_overdue, color: "#c62828" },
        { name: "Khác", type: "bar", stack: "t", data: data.agency_other, color: "#90a4ae" }
      ]
    });
  }
})();
