// The dashboard's charts, drawn with uPlot from the JSON block of the page. Progressive enhancement only: every
// figure is also in the table after its chart, and without this script the charts stay hidden.
(function () {
  'use strict';
  var block = document.getElementById('dasbor-data');
  if (!block || typeof window.uPlot === 'undefined') return;
  var charts = JSON.parse(block.textContent || '{}');
  // Colours with at least 3:1 contrast on white, told apart by shape too (bar width, line dash).
  var COLOURS = ['#0b4f8a', '#b3261e', '#1e6b35', '#8a5300', '#5b3a8c', '#00696f', '#6b4e16', '#444c56'];
  var DASHES = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [12, 6], [1, 2], [6, 2, 2, 2]];

  function shorten(text) {
    return text.length > 28 ? text.slice(0, 27) + '…' : text;
  }

  function options(chart, width) {
    var n = chart.labels.length;
    var bars = chart.kind === 'bars';
    var series = [{ label: chart.xLabel, value: function (u, v) { return v == null ? '–' : chart.labels[v]; } }];
    chart.series.forEach(function (s, i) {
      var colour = COLOURS[i % COLOURS.length];
      series.push(
        bars
          ? { label: s.label, stroke: colour, fill: colour + (i === 0 ? '99' : 'ff'), width: 1, points: { show: false },
              paths: window.uPlot.paths.bars({ size: [i === 0 ? 0.7 : 0.35, 80] }) }
          : { label: s.label, stroke: colour, width: 2, dash: DASHES[i % DASHES.length], spanGaps: false,
              points: { show: true, size: 7 }, value: function (u, v) { return v == null ? '–' : v + (chart.unit || ''); } },
      );
    });
    return {
      width: width,
      height: bars && n > 6 ? 360 : 300,
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: false, range: [-0.5, Math.max(n - 0.5, 0.5)] },
        y: chart.unit === '%' ? { range: [0, 100] } : { range: function (u, min, max) { return [0, Math.max(1, Math.ceil(max * 1.1))]; } },
      },
      axes: [
        {
          splits: function () { return chart.labels.map(function (_, i) { return i; }); },
          values: function (u, splits) { return splits.map(function (i) { return chart.labels[i] === undefined ? '' : shorten(chart.labels[i]); }); },
          rotate: n > 4 ? -30 : 0,
          size: n > 4 ? 110 : 50,
          grid: { show: false },
        },
        { values: function (u, splits) { return splits.map(function (v) { return v + (chart.unit || ''); }); } },
      ],
      series: series,
    };
  }

  var drawn = [];
  document.querySelectorAll('[data-chart]').forEach(function (target) {
    var chart = charts[target.getAttribute('data-chart')];
    if (!chart || chart.labels.length === 0 || chart.series.length === 0) return;
    target.hidden = false;
    var data = [chart.labels.map(function (_, i) { return i; })].concat(chart.series.map(function (s) { return s.values; }));
    var plot = new window.uPlot(options(chart, target.clientWidth - 24), data, target);
    drawn.push({ plot: plot, target: target });
  });
  window.addEventListener('resize', function () {
    drawn.forEach(function (d) { d.plot.setSize({ width: d.target.clientWidth - 24, height: d.plot.height }); });
  });
})();
