/* bodycam report: draws the run data (JSON in #bodycam-data) with ECharts. One run, or two (A, B) compared. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('bodycam-data').textContent);
  var runs = data.runs;
  var compare = runs.length > 1;
  var tags = compare ? ['A', 'B'] : [''];
  var charts = [];
  var main = document.getElementById('main');
  var PALETTE = ['#0969da', '#cf222e', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#0a7480', '#6e7781', '#fb8500', '#264653'];

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { e.textContent = attrs[k]; } else if (k === 'cls') { e.className = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return e;
  }

  function num(v, unit) {
    if (v === null || v === undefined || (typeof v === 'number' && isNaN(v))) { return '-'; }
    if (unit === 'ms') { return v >= 60000 ? dur(v) : v >= 10000 ? (v / 1000).toFixed(1) + ' s' : fmt(v) + ' ms'; }
    if (unit === 'B') { return bytes(v); }
    if (unit === 'B/s') { return bytes(v) + '/s'; }
    return fmt(v) + (unit ? ' ' + unit : '');
  }
  function fmt(v) {
    if (Math.abs(v) >= 1000 || v === Math.round(v)) { return Math.round(v).toLocaleString('en-US'); }
    return String(+v.toPrecision(Math.abs(v) >= 1 ? 4 : 3));
  }
  function bytes(v) {
    var u = ['B', 'kB', 'MB', 'GB', 'TB'], i = 0;
    while (v >= 1000 && i < u.length - 1) { v /= 1000; i++; }
    return fmt(+v.toPrecision(4)) + ' ' + u[i];
  }
  function dur(ms) {
    var s = Math.round(ms / 1000), h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60);
    return h > 0 ? h + 'h' + String(m).padStart(2, '0') + 'm' : m + 'm' + String(s % 60).padStart(2, '0') + 's';
  }

  function section(id, title, note) {
    var s = el('section', {id: id}, [el('h2', {text: title}), note ? el('p', {cls: 'note', text: note}) : null]);
    main.appendChild(s);
    document.getElementById('toc').appendChild(el('a', {href: '#' + id, text: title}));
    return s;
  }

  function table(head, rows, rowClass) {
    var t = el('table', {}, [el('thead', {}, [el('tr', {}, head.map(function (h) { return el('th', {text: h}); }))])]);
    var body = el('tbody');
    rows.forEach(function (r, i) {
      var tr = el('tr', rowClass ? {cls: rowClass(i) || ''} : {});
      r.forEach(function (c) {
        var cell = (c !== null && typeof c === 'object') ? c : {text: c};
        var cls = (typeof cell.text === 'number' ? 'num ' : '') + (cell.cls || '');
        tr.appendChild(el('td', {cls: cls.trim(), text: typeof cell.text === 'number' ? fmt(cell.text) : String(cell.text === null || cell.text === undefined ? '-' : cell.text)}));
      });
      body.appendChild(tr);
    });
    t.appendChild(body);
    return t;
  }

  function chart(parent, id, title, build, tall) {
    var box = el('div', {cls: 'chart' + (tall ? ' tall' : ''), 'data-chart': id});
    parent.appendChild(box);
    try {
      var c = echarts.init(box, null, {renderer: 'canvas'});
      var option = build();
      option.title = option.title || {text: title, left: 10, top: 6, textStyle: {fontSize: 14}};
      option.animation = false;
      option.color = option.color || PALETTE;
      if (option.noData) {
        option.graphic = {type: 'text', left: 'center', top: 'middle', style: {text: option.noData, fill: '#57606a', fontSize: 14}};
        delete option.noData;
      }
      c.setOption(option);
      charts.push({id: id, chart: c, box: box});
    } catch (e) {
      window.bodycamErrors.push('chart ' + id + ': ' + (e && e.stack ? e.stack : e));
    }
  }

  function timeAxis() { return {type: 'value', name: 'wall seconds since start', nameLocation: 'middle', nameGap: 26, min: 0, splitLine: {show: false}}; }
  function pairs(xs, ys) { return xs.map(function (x, i) { return [x, ys[i]]; }); }
  function line(name, xs, ys, run, extra) {
    // a sparse series (commands sent in one second, say) shows its points, or a lone point would not show at all
    var s = {name: name, type: 'line', showSymbol: xs.length < 60, data: pairs(xs, ys), lineStyle: {width: 1.5, type: run === 0 && compare ? 'dashed' : 'solid'}};
    return Object.assign(s, extra || {});
  }
  function label(run, name) { return compare ? tags[run] + ': ' + name : name; }
  function base(legend) {
    return {tooltip: {trigger: 'axis'}, legend: {type: 'scroll', top: 28, data: legend}, grid: {left: 60, right: 40, top: 70, bottom: 50}};
  }

  function header() {
    var h = document.getElementById('header');
    var title = compare ? 'bodycam compare: ' + runs[0].name + ' (A) vs ' + runs[1].name + ' (B)' : 'bodycam run ' + runs[0].name;
    var badge = compare
      ? el('span', {cls: 'badge ' + (data.regressions ? 'fail' : 'pass'), text: data.regressions ? data.regressions + ' regressions' : 'no regression'})
      : el('span', {cls: 'badge ' + (runs[0].passed ? 'pass' : 'fail'), text: runs[0].passed ? 'PASSED' : 'FAILED'});
    h.appendChild(el('h1', {}, [title + ' ', badge]));
    var box = el('div', {cls: 'runs'});
    runs.forEach(function (r, i) {
      var m = r.metrics;
      box.appendChild(el('div', {cls: 'facts'}, [
        compare ? el('strong', {}, [tags[i] + ' ', el('span', {cls: 'badge ' + (r.passed ? 'pass' : 'fail'), text: r.passed ? 'PASSED' : 'FAILED'})]) : null,
        el('span', {text: 'record ' + r.dir}), el('span', {text: 'seed ' + r.seed}),
        el('span', {text: num(m['devices.configured']) + ' cameras'}),
        el('span', {text: num(m['run.wallTime'], 'ms') + ' wall, ' + num(m['run.virtualTime'], 'ms') + ' virtual'}),
        r.mergedFrom ? el('span', {text: 'merged from shards ' + r.mergedFrom}) : null,
        r.endReason ? el('span', {text: 'ended: ' + r.endReason}) : null]));
    });
    h.appendChild(box);
  }

  function assertions() {
    var s = section('assertions', 'Assertions');
    if (!compare) {
      var list = runs[0].assertions;
      if (!list.length) { s.appendChild(el('p', {cls: 'note', text: 'The scenario has no assertions.'})); return; }
      s.appendChild(table(['assertion', 'actual', 'verdict'], list.map(function (a) {
        return [a.expr, a.actual === null ? 'not measured' : num(a.actual, a.unit), {text: a.passed ? 'PASS' : 'FAIL', cls: a.passed ? 'pass' : 'fail'}];
      })));
      return;
    }
    var byExpr = {};
    runs.forEach(function (r, i) { r.assertions.forEach(function (a) { (byExpr[a.expr] = byExpr[a.expr] || [null, null])[i] = a; }); });
    s.appendChild(table(['assertion', 'A actual', 'A', 'B actual', 'B', ''], Object.keys(byExpr).map(function (k) {
      var p = byExpr[k];
      var cells = [k];
      p.forEach(function (a) {
        cells.push(a ? (a.actual === null ? 'not measured' : num(a.actual, a.unit)) : '-');
        cells.push(a ? {text: a.passed ? 'PASS' : 'FAIL', cls: a.passed ? 'pass' : 'fail'} : '-');
      });
      var regressed = p[0] && p[1] && p[0].passed && !p[1].passed;
      cells.push(regressed ? {text: 'regression', cls: 'regression'} : '');
      return cells;
    })));
  }

  function keyFigures() {
    var s = section('figures', 'Key figures', compare ? 'Flagged: worse in B than in A beyond the metric\'s tolerance.' : null);
    if (compare) {
      s.appendChild(table(['metric', 'A', 'B', 'change', ''], data.deltas.map(function (d) {
        var change = (d.a === null || d.b === null) ? '-' : d.a === 0 ? (d.b === 0 ? '0' : 'new') : ((d.b - d.a) / Math.abs(d.a) * 100).toFixed(1) + ' %';
        return [d.label + ' (' + d.name + ')', num(d.a, d.unit), num(d.b, d.unit), change, d.flag ? {text: d.flag, cls: d.flag} : ''];
      })));
      return;
    }
    var m = runs[0].metrics;
    var groups = {};
    Object.keys(m).filter(function (k) { return m[k] !== null; }).forEach(function (k) {
      var head = k.split('.')[0];
      (groups[head] = groups[head] || []).push(k);
    });
    var box = el('div', {cls: 'figures'});
    Object.keys(groups).forEach(function (head) {
      box.appendChild(table([head, ''], groups[head].map(function (k) {
        var unit = /latency|rtt|recordToVerified|timer|Time|After/.test(k) ? 'ms' : /bytes/i.test(k) ? 'B' : /throughput/.test(k) ? 'B/s' : '';
        return [k.substring(head.length + 1), {text: num(m[k], unit), cls: 'num'}];
      })));
    });
    s.appendChild(box);
  }

  function fleetCharts() {
    var s = section('fleet', 'Devices');
    var g = el('div', {cls: 'grid'});
    s.appendChild(g);
    chart(g, 'devices', 'Devices online, recording, uploading', function () {
      var series = [];
      runs.forEach(function (r, i) {
        ['online', 'recording', 'uploading'].forEach(function (k) { series.push(line(label(i, k), r.series.t, r.series[k], i)); });
      });
      return Object.assign(base(series.map(function (x) { return x.name; })), {xAxis: timeAxis(), yAxis: {type: 'value', name: 'cameras'}, series: series});
    });
    chart(g, 'modes', 'Devices per firmware mode', function () {
      var series = [];
      runs.forEach(function (r, i) {
        Object.keys(r.series.modes).forEach(function (mode) {
          var ys = r.series.modes[mode];
          if (ys.some(function (v) { return v > 0; })) {
            series.push(line(label(i, mode), r.series.t, ys, i));
          }
        });
      });
      return Object.assign(base(series.map(function (x) { return x.name; })), {xAxis: timeAxis(), yAxis: {type: 'value', name: 'cameras'}, series: series});
    });
    chart(g, 'mqtt', 'MQTT messages per second by topic kind', function () {
      var series = [];
      runs.forEach(function (r, i) {
        Object.keys(r.series.mqtt).forEach(function (k) {
          series.push(line(label(i, k), r.series.t, r.series.mqtt[k], i));
        });
      });
      return Object.assign(base(series.map(function (x) { return x.name; })), {xAxis: timeAxis(), yAxis: {type: 'value', name: 'msg/s'}, series: series});
    });
    chart(g, 'counts', 'Segments, commands and camera errors so far', function () {
      var series = [];
      runs.forEach(function (r, i) {
        [['segments', 'segments recorded'], ['commandsSent', 'commands sent'], ['commandsAcked', 'commands acked'], ['errors', 'camera errors']].forEach(function (k) {
          series.push(line(label(i, k[1]), r.series.t, r.series[k[0]], i));
        });
      });
      return Object.assign(base(series.map(function (x) { return x.name; })), {xAxis: timeAxis(), yAxis: {type: 'value', name: 'count'}, series: series});
    });
  }

  var LATENCY_CHARTS = [['state', 'State message latency'], ['gps', 'GPS message latency'], ['events', 'Events message latency'],
    ['commandRtt', 'Command round trip'], ['timerLag', 'Camera timer lag']];

  function latencyCharts() {
    var s = section('latency', 'Latency', 'Percentiles per interval of about one wall second (HdrHistogram interval logs), and each distribution over the whole run.');
    var g = el('div', {cls: 'grid'});
    s.appendChild(g);
    LATENCY_CHARTS.forEach(function (k) {
      chart(g, 'latency-' + k[0], k[1] + ' over time', function () {
        var series = [];
        var count = 0;
        runs.forEach(function (r, i) {
          var l = r.latency[k[0]];
          count += l.count;
          ['p50', 'p99', 'max'].forEach(function (p) { series.push(line(label(i, p), l.over.t, l.over[p], i)); });
        });
        var o = Object.assign(base(series.map(function (x) { return x.name; })), {xAxis: timeAxis(), yAxis: {type: 'value', name: 'ms'}, series: series});
        if (!count) { o.noData = 'no ' + k[0] + ' latency recorded in this run'; }
        return o;
      });
    });
    chart(g, 'latency-distribution', 'Latency distribution (wall ms, log scale)', function () {
      var series = [];
      runs.forEach(function (r, i) {
        ['state', 'gps', 'events', 'status', 'ack', 'commandRtt'].forEach(function (k) {
          var l = r.latency[k];
          if (l.count) {
            series.push({name: label(i, k), type: 'line', data: l.dist.map(function (v) { return v > 0 ? v : null; }),
              lineStyle: {type: i === 0 && compare ? 'dashed' : 'solid'}});
          }
        });
      });
      var o = Object.assign(base(series.map(function (x) { return x.name; })), {xAxis: {type: 'category', data: data.percentiles}, yAxis: {type: 'log', name: 'ms'}, series: series});
      if (!series.length) { o.noData = 'no latency recorded in this run'; o.yAxis = {type: 'value'}; }
      return o;
    });
  }

  function uploadCharts() {
    var s = section('uploads', 'Uploads and evidence');
    var g = el('div', {cls: 'grid'});
    s.appendChild(g);
    chart(g, 'upload-throughput', 'Upload throughput', function () {
      var series = [];
      runs.forEach(function (r, i) {
        series.push(line(label(i, 'MB/s'), r.series.t, r.series.uploadMBps, i, {areaStyle: {opacity: compare ? 0.1 : 0.3}}));
        series.push(line(label(i, 'uploads/s'), r.series.t, r.series.uploadsCompleted, i, {yAxisIndex: 1}));
        series.push(line(label(i, 'failed attempts/s'), r.series.t, r.series.uploadsFailed, i, {yAxisIndex: 1}));
      });
      return Object.assign(base(series.map(function (x) { return x.name; })), {xAxis: timeAxis(),
        yAxis: [{type: 'value', name: 'MB/s'}, {type: 'value', name: 'per s', splitLine: {show: false}}], series: series});
    });
    chart(g, 'record-to-verified', 'Record to verified (segment closed to verified, virtual time)', function () {
      var series = [];
      var count = 0;
      runs.forEach(function (r, i) {
        var l = r.latency.recordToVerified;
        count += l.count;
        series.push({name: label(i, 'distribution'), type: 'bar', data: l.dist.map(function (v) { return v === null ? null : v / 60000; })});
      });
      var o = Object.assign(base(series.map(function (x) { return x.name; })), {xAxis: {type: 'category', data: data.percentiles},
        yAxis: {type: 'value', name: 'virtual min'}, series: series});
      if (!count) { o.noData = 'no segment was verified in this run'; }
      return o;
    });
    chart(g, 'evidence-outcomes', 'Evidence ledger: outcome of every recorded segment', function () {
      var kinds = ['verified', 'pending', 'lost', 'corrupt', 'duplicated'];
      var series = runs.map(function (r, i) {
        return {name: compare ? tags[i] : 'segments', type: 'bar', label: {show: true, position: 'top'},
          data: kinds.map(function (k) { return r.evidence.all[k]; })};
      });
      return Object.assign(base(series.map(function (x) { return x.name; })), {tooltip: {trigger: 'axis'},
        xAxis: {type: 'category', data: kinds}, yAxis: {type: 'value', name: 'segments'}, series: series});
    });
    chart(g, 'groups', 'Segments per fleet group and outcome', function () {
      var names = [];
      runs.forEach(function (r) { r.groups.forEach(function (x) { if (names.indexOf(x.name) < 0) { names.push(x.name); } }); });
      var series = [];
      runs.forEach(function (r, i) {
        ['verified', 'pending', 'lost', 'corrupt'].forEach(function (k) {
          series.push({name: label(i, k), type: 'bar', stack: 'run' + i, data: names.map(function (n) {
            var grp = r.groups.filter(function (x) { return x.name === n; })[0];
            return grp ? grp[k] : 0;
          })});
        });
      });
      return Object.assign(base(series.map(function (x) { return x.name; })), {xAxis: {type: 'category', data: names}, yAxis: {type: 'value', name: 'segments'}, series: series});
    });
    runs.forEach(function (r, i) {
      var who = compare ? ' (' + tags[i] + ')' : '';
      var e = r.evidence;
      s.appendChild(el('h3', {text: 'Worst cameras' + who}));
      if (!e.worst.length) {
        s.appendChild(el('p', {cls: 'note', text: 'Every camera\'s segments were verified, with no failed upload attempt and no reported trouble.'}));
      } else {
        s.appendChild(table(['camera', 'group', 'segments', 'verified', 'pending', 'lost', 'corrupt', 'duplicated', 'failed attempts', 'trouble reported', 'record to verified p99'],
          e.worst.map(function (w) {
            return [w.name, w.group, w.segments, w.verified, w.pending, w.lost, w.corrupt, w.duplicated, w.failedAttempts, w.problems, num(w.r2vP99, 'ms')];
          }), function (k) { return e.worst[k].lost + e.worst[k].corrupt > 0 ? 'fail' : ''; }));
      }
      s.appendChild(el('h3', {text: 'Segments that did not end verified' + who}));
      if (!e.problems.length) {
        s.appendChild(el('p', {cls: 'note', text: 'None: all ' + fmt(e.all.segments) + ' segments verified, none duplicated.'}));
      } else {
        var wrap = el('div', {cls: 'scroll'});
        wrap.appendChild(table(['camera', 'segment', 'outcome', 'reason'], e.problems.map(function (p) { return [p.deviceId, p.segmentId, p.outcome, p.reason]; })));
        s.appendChild(wrap);
        if (e.problemsTotal > e.problems.length) {
          s.appendChild(el('p', {cls: 'note', text: 'First ' + e.problems.length + ' of ' + e.problemsTotal + '; every segment is in evidence.jsonl.'}));
        }
      }
    });
  }

  function errorsSection() {
    var s = section('errors', 'Trouble reported by the cameras', 'From events.jsonl: error events by code, failed upload attempts, reboots and link losses by reason, full storage, critical battery.');
    runs.forEach(function (r, i) {
      if (compare) { s.appendChild(el('h3', {text: 'Run ' + tags[i]})); }
      if (!r.errors.length) { s.appendChild(el('p', {cls: 'note', text: 'No camera reported trouble.'})); return; }
      s.appendChild(table(['kind', 'count', 'cameras', 'first at (wall s)', 'first camera', 'first message'], r.errors.map(function (x) {
        return [x.kind, x.count, x.devices, x.firstWallS, x.firstDevice, x.firstMessage];
      })));
    });
  }

  function groupsSection() {
    var s = section('group-table', 'By fleet group');
    runs.forEach(function (r, i) {
      if (compare) { s.appendChild(el('h3', {text: 'Run ' + tags[i]})); }
      s.appendChild(table(['group', 'cameras', 'segments', 'verified', 'pending', 'lost', 'corrupt', 'duplicated', 'MB', 'failed attempts', 'trouble reported', 'record to verified p99'],
        r.groups.map(function (x) {
          return [x.name, x.cameras || 0, x.segments, x.verified, x.pending, x.lost, x.corrupt, x.duplicated, x.mb, x.failedAttempts, x.problems, num(x.r2vP99, 'ms')];
        })));
    });
  }

  function mapSection() {
    var s = section('map', 'GPS tracks', 'Positions as the backend received them, drawn from coordinates alone (no map tiles): longitude across, latitude up, to scale.');
    var g = el('div', {cls: compare ? 'grid' : ''});
    s.appendChild(g);
    runs.forEach(function (r, i) {
      chart(g, 'map' + (compare ? '-' + tags[i] : ''), 'GPS tracks' + (compare ? ' (' + tags[i] + ')' : ''), function () {
        var m = r.map;
        var o = {tooltip: {trigger: 'item', formatter: function (p) { return p.data && p.data.d ? p.data.d : p.seriesName; }},
          legend: {type: 'scroll', top: 28, data: m.groups}, grid: {left: 70, right: 30, top: 70, bottom: 40}};
        if (!m.tracks.length || !m.bounds) {
          o.xAxis = {type: 'value'}; o.yAxis = {type: 'value'}; o.series = [];
          o.noData = 'no GPS report reached the backend in this run';
          return o;
        }
        var b = m.bounds, box = chartBox();
        var midLat = (b.minLat + b.maxLat) / 2, k = Math.cos(midLat * Math.PI / 180);
        var w = Math.max(1e-4, (b.maxLon - b.minLon) * k), h = Math.max(1e-4, b.maxLat - b.minLat);
        var scale = Math.max(w / box.w, h / box.h) * 1.05;
        var halfLon = box.w * scale / k / 2, halfLat = box.h * scale / 2;
        var midLon = (b.minLon + b.maxLon) / 2;
        var round = function (v) { return +v.toFixed(4); };
        var inner = {showMinLabel: false, showMaxLabel: false};
        o.xAxis = {type: 'value', name: 'lon', min: round(midLon - halfLon), max: round(midLon + halfLon), axisLabel: inner};
        o.yAxis = {type: 'value', name: 'lat', min: round(midLat - halfLat), max: round(midLat + halfLat), axisLabel: inner};
        o.series = m.groups.map(function (name, gi) {
          return {name: name, type: 'lines', coordinateSystem: 'cartesian2d', polyline: true, lineStyle: {width: 1.2, opacity: 0.75},
            data: m.tracks.filter(function (t) { return t.g === gi; }).map(function (t) { return {d: t.d, coords: t.c}; })};
        });
        return o;
      }, true);
    });
  }

  function chartBox() {
    var boxes = document.querySelectorAll('#map .chart');
    var box = boxes[boxes.length - 1];
    return {w: Math.max(100, box.clientWidth - 100), h: Math.max(100, box.clientHeight - 110)};
  }

  function scenarioSection() {
    var s = section('scenario', 'Scenario');
    runs.forEach(function (r, i) {
      if (compare) { s.appendChild(el('h3', {text: 'Run ' + tags[i]})); }
      s.appendChild(el('pre', {cls: 'scenario', text: r.scenarioText}));
    });
    s.appendChild(el('p', {cls: 'note', text: 'Charts: Apache ECharts ' + data.echarts + ', inlined.'}));
  }

  /** After drawing: did each chart paint its canvas? Written into #render-verdict for tests and tools. */
  function verdict() {
    var result = {charts: charts.length, rendered: 0, blank: [], errors: window.bodycamErrors};
    charts.forEach(function (c) {
      try {
        c.chart.getZr().flush();
        var canvas = c.box.querySelector('canvas');
        if (canvas && painted(canvas)) { result.rendered++; } else { result.blank.push(c.id); }
      } catch (e) {
        result.blank.push(c.id);
        result.errors.push('verdict ' + c.id + ': ' + e);
      }
    });
    result.ok = result.rendered === result.charts && result.errors.length === 0;
    var out = document.getElementById('render-verdict');
    out.textContent = JSON.stringify(result);
    out.setAttribute('data-ok', String(result.ok));
  }

  function painted(canvas) {
    var ctx = canvas.getContext('2d');
    var px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    var seen = 0;
    for (var i = 3; i < px.length; i += 4 * 7) {
      if (px[i] !== 0) { seen++; if (seen > 50) { return true; } }
    }
    return false;
  }

  var builders = [header, assertions, keyFigures, fleetCharts, latencyCharts, uploadCharts, errorsSection, groupsSection, mapSection, scenarioSection];
  builders.forEach(function (b) {
    try { b(); } catch (e) { window.bodycamErrors.push(b.name + ': ' + (e && e.stack ? e.stack : e)); }
  });
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.chart.resize(); }); });
  setTimeout(verdict, 200);
})();
