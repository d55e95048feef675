/*
 * The side panels: cameras per mode, MQTT and upload rates and latency percentiles over time (ECharts),
 * evidence so far, the assertions as they stand and the faults in force. Live, the charts grow with
 * each counters event; in a replay they hold the whole run and a line marks where the replay stands.
 */
(function () {
  'use strict';

  var MAX_POINTS = 3600;
  var DRAW_EVERY_MS = 1000;
  /** Latency series drawn: p99 of each kind and the state messages' p50; the first five shown at first. */
  var LATENCY_SERIES = ['state p50', 'state p99', 'gps p99', 'events p99', 'commandRtt p99', 'status p99', 'ack p99',
    'timerLag p99', 'recordToVerified p99'];
  var LATENCY_SHOWN = 5;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function fmt(n) {
    if (n === null || n === undefined) { return '\u2013'; }
    if (Math.abs(n) >= 1000) { return Math.round(n).toLocaleString('en-US'); }
    return String(Math.round(n * 100) / 100);
  }

  function bytes(n) {
    if (n >= 1e6) { return (n / 1e6).toFixed(2) + ' MB'; }
    if (n >= 1e3) { return (n / 1e3).toFixed(1) + ' kB'; }
    return Math.round(n) + ' B';
  }

  function time(t) {
    return new Date(t).toISOString().replace('T', ' ').slice(0, 19);
  }

  function Panels(fleet) {
    this.fleet = fleet;
    this.replay = fleet.replay;
    this.rates = { t: [], mqtt: [], upload: [] };
    this.latency = {};
    this.at = null;
    this.rateChart = window.echarts ? echarts.init(document.getElementById('chart-rates')) : null;
    this.latencyChart = window.echarts ? echarts.init(document.getElementById('chart-latency')) : null;
    if (this.replay) {
      document.getElementById('assertions-title').textContent = 'Assertions at the end of the run';
    }
    var self = this;
    window.addEventListener('resize', function () {
      if (self.rateChart) { self.rateChart.resize(); self.latencyChart.resize(); }
    });
  }

  Panels.prototype.history = function (list) {
    this.rates = { t: [], mqtt: [], upload: [] };
    this.latency = {};
    var self = this;
    list.forEach(function (c) { self.sample(c); });
    this.draw();
  };

  Panels.prototype.sample = function (c) {
    var r = this.rates;
    if (r.t.length && c.t <= r.t[r.t.length - 1]) {
      return;
    }
    r.t.push(c.t);
    r.mqtt.push(c.mqttPerSecond);
    r.upload.push(c.uploadBytesPerSecond / 1e6);
    var lat = this.latency;
    var n = r.t.length;
    LATENCY_SERIES.forEach(function (name) {
      if (!lat[name] && c.latency[name.split(' ')[0]]) { lat[name] = new Array(n - 1).fill(null); }
    });
    Object.keys(lat).forEach(function (name) {
      var parts = name.split(' ');
      var v = c.latency[parts[0]];
      lat[name].push(v ? v[parts[1]] : null);
    });
    if (r.t.length > MAX_POINTS) {
      r.t.shift(); r.mqtt.shift(); r.upload.shift();
      Object.keys(lat).forEach(function (name) { lat[name].shift(); });
    }
  };

  function zip(ts, vs) {
    var out = new Array(ts.length);
    for (var i = 0; i < ts.length; i++) { out[i] = [ts[i], vs[i]]; }
    return out;
  }

  Panels.prototype.marker = function () {
    return this.replay && this.at !== null
      ? { symbol: 'none', silent: true, animation: false, label: { show: false }, lineStyle: { color: '#222', type: 'solid' }, data: [{ xAxis: this.at }] }
      : undefined;
  };

  Panels.prototype.draw = function () {
    if (!this.rateChart) { return; }
    var r = this.rates;
    var base = {
      animation: false,
      grid: { left: 44, right: 44, top: 28, bottom: 22 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'time', axisLabel: { fontSize: 10, hideOverlap: true } }
    };
    this.rateChart.setOption(Object.assign({}, base, {
      legend: { top: 0, textStyle: { fontSize: 10 }, itemHeight: 8 },
      yAxis: [{ type: 'value', name: 'msg/s', nameTextStyle: { fontSize: 10 }, axisLabel: { fontSize: 10 } },
              { type: 'value', name: 'MB/s', nameTextStyle: { fontSize: 10 }, axisLabel: { fontSize: 10 }, splitLine: { show: false } }],
      series: [
        { name: 'MQTT msg/s', type: 'line', showSymbol: false, data: zip(r.t, r.mqtt), markLine: this.marker() },
        { name: 'upload MB/s', type: 'line', yAxisIndex: 1, showSymbol: false, data: zip(r.t, r.upload) }
      ]
    }), true);
    var self = this;
    var names = LATENCY_SERIES.filter(function (n) { return self.latency[n]; });
    var selected = {};
    names.forEach(function (n) { selected[n] = LATENCY_SERIES.indexOf(n) < LATENCY_SHOWN; });
    this.latencyChart.setOption(Object.assign({}, base, {
      legend: { top: 0, textStyle: { fontSize: 10 }, itemHeight: 8, itemGap: 6, selected: selected },
      grid: { left: 44, right: 16, top: 58, bottom: 22 },
      yAxis: { type: 'value', axisLabel: { fontSize: 10 } },
      series: names.map(function (n, i) {
        return { name: n, type: 'line', showSymbol: false, connectNulls: true, data: zip(r.t, self.latency[n]),
                 lineStyle: { type: n.endsWith('p50') ? 'dashed' : 'solid' }, markLine: i === 0 ? self.marker() : undefined };
      })
    }), true);
  };

  Panels.prototype.counters = function (c) {
    this.at = c.t;
    if (!this.replay) {
      this.sample(c);
    }
    this.drawSoon();
    this.modes(c);
    this.evidence(c.evidence);
    this.assertions(c.assertions);
    this.faults(c.faults);
  };

  /** Draws the charts at most once a DRAW_EVERY_MS, the last change always included. */
  Panels.prototype.drawSoon = function () {
    if (this.pending) { return; }
    var self = this;
    var wait = Math.max(0, (this.drawnAt || 0) + DRAW_EVERY_MS - Date.now());
    this.pending = setTimeout(function () {
      self.pending = 0;
      self.drawnAt = Date.now();
      self.draw();
    }, wait);
  };

  Panels.prototype.modes = function (c) {
    var t = document.getElementById('modes');
    t.textContent = '';
    this.fleet.modes.forEach(function (m) {
      var n = c.modes[m] || 0;
      var tr = el('tr', n ? null : { 'class': 'zero' });
      tr.appendChild(el('td', null, m.toLowerCase().replace(/_/g, ' ')));
      tr.appendChild(el('td', { 'class': 'n', 'data-mode': m }, fmt(n)));
      t.appendChild(tr);
    });
    [['online', c.online], ['uploading', c.uploading], ['MQTT msg/s', c.mqttPerSecond], ['upload', bytes(c.uploadBytesPerSecond) + '/s']]
      .forEach(function (row) {
        var tr = el('tr');
        tr.appendChild(el('td', null, row[0]));
        tr.appendChild(el('td', { 'class': 'n' }, typeof row[1] === 'number' ? fmt(row[1]) : row[1]));
        t.appendChild(tr);
      });
  };

  Panels.prototype.evidence = function (e) {
    var t = document.getElementById('evidence');
    t.textContent = '';
    ['recorded', 'verified', 'pending', 'lost', 'duplicated', 'corrupt'].forEach(function (k) {
      var tr = el('tr', e[k] || k === 'recorded' ? null : { 'class': 'zero' });
      tr.appendChild(el('td', null, k));
      tr.appendChild(el('td', { 'class': 'n', 'data-evidence': k }, fmt(e[k])));
      t.appendChild(tr);
    });
  };

  Panels.prototype.assertions = function (list) {
    var ul = document.getElementById('assertions');
    ul.textContent = '';
    if (!list.length) { ul.appendChild(el('li', { 'class': 'none' }, 'none')); }
    list.forEach(function (a) {
      var li = el('li');
      li.appendChild(el('span', { 'class': 'verdict ' + a.verdict }, a.verdict.toLowerCase()));
      li.appendChild(document.createTextNode(a.expr));
      li.appendChild(el('span', { 'class': 'actual' }, a.actual === null ? 'no value' : fmt(a.actual) + (a.unit ? ' ' + a.unit : '')));
      ul.appendChild(li);
    });
  };

  Panels.prototype.faults = function (list) {
    var ul = document.getElementById('faults');
    ul.textContent = '';
    if (!list.length) { ul.appendChild(el('li', { 'class': 'none' }, 'none')); }
    list.forEach(function (f) {
      var li = el('li', { title: 'since ' + time(f.since) });
      li.appendChild(el('b', null, f.kind));
      li.appendChild(document.createTextNode(' ' + f.target + (f.detail ? ': ' + f.detail : '')));
      ul.appendChild(li);
    });
  };

  window.LivePanels = Panels;
  window.LivePanels.time = time;
  window.LivePanels.el = el;
})();
