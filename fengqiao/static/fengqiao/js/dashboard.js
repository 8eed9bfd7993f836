/* The leaders' dashboard: ECharts charts drawn from the page's JSON (#dashboard-data); a click on a place, a bar
   or a point opens the cases behind it. No tile server, no CDN: the map is the county's own outlines. */
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var labels = data.labels;
  var charts = [];

  function open(url) { if (url) { window.location.href = url; } }
  function chart(id) {
    var element = document.getElementById(id);
    if (!element) { return null; }
    var instance = echarts.init(element, null, { renderer: "canvas" });
    charts.push(instance);
    return instance;
  }

  var map = chart("chart-map");
  if (map && data.map.outlines.features.length) {
    echarts.registerMap("area", data.map.outlines);
    var max = Math.max.apply(null, data.map.data.map(function (d) { return d.value; }).concat([1]));
    map.setOption({
      tooltip: { trigger: "item", formatter: function (p) {
        if (p.seriesType === "scatter") { return p.name; }
        return p.name + "<br>" + labels.open + " " + (p.value || 0);
      } },
      visualMap: { min: 0, max: max, calculable: true, left: 0, bottom: 0, seriesIndex: 0,
                   inRange: { color: ["#e8f3ec", "#f6c56b", "#d9534f"] } },
      geo: { map: "area", roam: true, label: { show: true, fontSize: 11 }, itemStyle: { borderColor: "#5b6770" } },
      series: [
        { type: "map", geoIndex: 0, name: labels.open, data: data.map.data },
        { type: "scatter", coordinateSystem: "geo", name: labels.risk, symbolSize: 9,
          data: data.map.points.map(function (p) {
            return { name: p.name, value: p.value, url: p.url,
                     itemStyle: { color: p.level === "red" ? "#c9302c" : "#f0ad4e" } };
          }) }
      ]
    });
    map.on("click", function (p) { open(p.data && p.data.url); });
  }

  var byState = chart("chart-by-state");
  if (byState) {
    byState.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { type: "scroll", top: 0 },
      grid: { left: 40, right: 10, top: 40, bottom: 60 },
      xAxis: { type: "category", data: data.byState.places, axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: "value", minInterval: 1 },
      series: data.byState.series.map(function (s) { return { name: s.name, type: "bar", stack: "open", data: s.data }; })
    });
    byState.on("click", function (p) { open(data.byState.urls[p.dataIndex]); });
  }

  var departments = chart("chart-departments");
  if (departments) {
    departments.setOption({
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v === null ? "—" : v + "%"; } },
      grid: { left: 110, right: 20, top: 10, bottom: 20 },
      xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      yAxis: { type: "category", data: data.departments.names, inverse: true },
      series: [{ name: labels.onTime, type: "bar", data: data.departments.rates, itemStyle: { color: "#3a7ca5" } }]
    });
    departments.on("click", function (p) { open(data.departments.urls[p.dataIndex]); });
  }

  var trend = chart("chart-trend");
  if (trend) {
    trend.setOption({
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 40, right: 45, top: 40, bottom: 30 },
      xAxis: { type: "category", data: data.trend.months },
      yAxis: [{ type: "value", minInterval: 1 }, { type: "value", max: 100, axisLabel: { formatter: "{value}%" } }],
      series: [
        { name: labels.received, type: "bar", data: data.trend.received, itemStyle: { color: "#9cc3d5" } },
        { name: labels.settlement, type: "line", yAxisIndex: 1, connectNulls: true, data: data.trend.settlement },
        { name: labels.satisfaction, type: "line", yAxisIndex: 1, connectNulls: true, data: data.trend.satisfaction }
      ]
    });
    trend.on("click", function (p) { open(data.trend.urls[p.dataIndex]); });
  }

  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
}());
