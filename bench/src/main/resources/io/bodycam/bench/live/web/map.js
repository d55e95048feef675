/*
 * The fleet map: a canvas drawn from the cameras' own GPS positions, no tiles. The streets are the
 * GPS traces seen so far, drawn faint on a layer of their own; cameras are dots in their colour
 * (hollow when offline), gathered into grid clusters (a pie of their colours) when zoomed out.
 * Positions are kept in metres east and south of the first camera seen.
 */
(function () {
  'use strict';

  var CLUSTER_CELL = 44;          // px: grid clustering cell
  var CLUSTER_BELOW = 0.25;       // px per metre: cluster when zoomed out further than this ...
  var CLUSTER_ABOVE = 400;        // ... and more cameras than this are in view
  var FOCUS_SCALE = 1.5;          // px per metre when focusing on one camera
  var TRAIL_CAPACITY = 200000;    // street segments kept; later ones are not drawn
  var TRAIL_MAX_METRES = 400;     // a longer jump is not a street
  var TRAIL_GRID = 4;             // metres: segments snapped to this grid are kept once
  var PICK_PX = 10;

  function FleetMap(canvas, model, onPick) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.model = model;            // {n, status, lat, lon, located, colours, degreesPerUnit}
    this.onPick = onPick;
    this.origin = null;            // {lat, lon, kx, ky}
    this.view = { cx: 0, cy: 0, scale: 0.05 };
    this.fitted = false;
    this.selected = -1;
    this.trail = new Float32Array(TRAIL_CAPACITY * 4);
    this.trailCount = 0;
    this.trailKeys = new Set();
    this.trailLayer = document.createElement('canvas');
    this.trailDrawn = 0;            // segments already on the layer for the current view
    this.trailView = null;
    this.singles = [];              // cameras drawn alone: [idx, x, y]
    this.clusters = [];             // [x, y, r, members[]]
    this.stats = { drawn: {}, markers: 0, clusters: 0 };
    this.dirty = true;
    this.bind();
    this.resize();
    var self = this;
    window.addEventListener('resize', function () { self.resize(); });
  }

  FleetMap.prototype.resize = function () {
    var r = this.canvas.getBoundingClientRect();
    var dpr = window.devicePixelRatio || 1;
    this.width = Math.max(1, r.width);
    this.height = Math.max(1, r.height);
    this.canvas.width = Math.round(this.width * dpr);
    this.canvas.height = Math.round(this.height * dpr);
    this.trailLayer.width = this.canvas.width;
    this.trailLayer.height = this.canvas.height;
    this.dpr = dpr;
    this.trailView = null;
    this.invalidate();
  };

  /** World metres of a position in 1e-5 degree units. */
  FleetMap.prototype.world = function (latU, lonU) {
    var o = this.origin;
    var d = this.model.degreesPerUnit;
    if (!o) {
      var lat0 = latU * d;
      o = this.origin = { latU: latU, lonU: lonU, kx: 111320 * Math.cos(lat0 * Math.PI / 180) * d, ky: 110540 * d };
    }
    return [(lonU - o.lonU) * o.kx, (o.latU - latU) * o.ky];
  };

  FleetMap.prototype.toScreen = function (x, y) {
    var v = this.view;
    return [(x - v.cx) * v.scale + this.width / 2, (y - v.cy) * v.scale + this.height / 2];
  };

  FleetMap.prototype.toWorld = function (sx, sy) {
    var v = this.view;
    return [(sx - this.width / 2) / v.scale + v.cx, (sy - this.height / 2) / v.scale + v.cy];
  };

  /** A camera moved from one position to the next (both in units): maybe a piece of street. */
  FleetMap.prototype.moved = function (latA, lonA, latB, lonB) {
    var a = this.world(latA, lonA);
    var b = this.world(latB, lonB);
    var dx = b[0] - a[0];
    var dy = b[1] - a[1];
    if (dx * dx + dy * dy > TRAIL_MAX_METRES * TRAIL_MAX_METRES) {
      return;
    }
    var g = TRAIL_GRID;
    var k1 = Math.round(a[0] / g) + ',' + Math.round(a[1] / g);
    var k2 = Math.round(b[0] / g) + ',' + Math.round(b[1] / g);
    if (k1 === k2) {
      return;
    }
    var key = k1 < k2 ? k1 + ';' + k2 : k2 + ';' + k1;
    if (this.trailKeys.has(key)) {
      return;
    }
    if (this.trailCount === TRAIL_CAPACITY) {
      return;                       // the patrol area is drawn by now
    }
    this.trailKeys.add(key);
    var i = this.trailCount * 4;
    this.trail[i] = a[0]; this.trail[i + 1] = a[1]; this.trail[i + 2] = b[0]; this.trail[i + 3] = b[1];
    this.trailCount++;
    this.invalidate();
  };

  FleetMap.prototype.invalidate = function () {
    if (this.dirty && this.frame) {
      return;
    }
    this.dirty = true;
    var self = this;
    if (!this.frame) {
      this.frame = requestAnimationFrame(function () { self.frame = 0; self.render(); });
    }
  };

  /** Shows every located camera. */
  FleetMap.prototype.fit = function () {
    var m = this.model;
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (var i = 0; i < m.n; i++) {
      if (!m.located[i]) { continue; }
      var p = this.world(m.lat[i], m.lon[i]);
      if (p[0] < minX) { minX = p[0]; } if (p[0] > maxX) { maxX = p[0]; }
      if (p[1] < minY) { minY = p[1]; } if (p[1] > maxY) { maxY = p[1]; }
    }
    if (minX === Infinity) {
      return false;
    }
    var w = Math.max(200, maxX - minX);
    var h = Math.max(200, maxY - minY);
    this.view = { cx: (minX + maxX) / 2, cy: (minY + maxY) / 2, scale: Math.min(this.width / w, this.height / h) * 0.9 };
    this.fitted = true;
    this.trailView = null;
    this.invalidate();
    return true;
  };

  FleetMap.prototype.zoom = function (factor, sx, sy) {
    if (sx === undefined) { sx = this.width / 2; sy = this.height / 2; }
    var before = this.toWorld(sx, sy);
    this.view.scale = Math.min(40, Math.max(0.0005, this.view.scale * factor));
    var after = this.toWorld(sx, sy);
    this.view.cx += before[0] - after[0];
    this.view.cy += before[1] - after[1];
    this.trailView = null;
    this.invalidate();
  };

  FleetMap.prototype.focus = function (idx) {
    var m = this.model;
    if (!m.located[idx]) { return false; }
    var p = this.world(m.lat[idx], m.lon[idx]);
    this.view = { cx: p[0], cy: p[1], scale: Math.max(FOCUS_SCALE, this.view.scale) };
    this.fitted = true;
    this.trailView = null;
    this.render();
    return true;
  };

  /** Where a camera drawn on its own is, in client coordinates; null when clustered or off screen. */
  FleetMap.prototype.screenPosition = function (idx) {
    var r = this.canvas.getBoundingClientRect();
    for (var i = 0; i < this.singles.length; i++) {
      var s = this.singles[i];
      if (s[0] === idx) { return { x: r.left + s[1], y: r.top + s[2] }; }
    }
    return null;
  };

  FleetMap.prototype.bind = function () {
    var self = this;
    var c = this.canvas;
    var drag = null;
    c.addEventListener('pointerdown', function (e) {
      drag = { x: e.clientX, y: e.clientY, cx: self.view.cx, cy: self.view.cy, moved: false };
      c.setPointerCapture(e.pointerId);
    });
    c.addEventListener('pointermove', function (e) {
      if (!drag) { return; }
      var dx = e.clientX - drag.x;
      var dy = e.clientY - drag.y;
      if (!drag.moved && dx * dx + dy * dy < 16) { return; }
      drag.moved = true;
      c.classList.add('dragging');
      self.view.cx = drag.cx - dx / self.view.scale;
      self.view.cy = drag.cy - dy / self.view.scale;
      self.trailView = null;
      self.invalidate();
    });
    c.addEventListener('pointerup', function (e) {
      var was = drag;
      drag = null;
      c.classList.remove('dragging');
      if (was && !was.moved) {
        var r = c.getBoundingClientRect();
        self.click(e.clientX - r.left, e.clientY - r.top);
      }
    });
    c.addEventListener('wheel', function (e) {
      e.preventDefault();
      var r = c.getBoundingClientRect();
      self.zoom(e.deltaY < 0 ? 1.25 : 0.8, e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });
  };

  FleetMap.prototype.click = function (x, y) {
    for (var i = 0; i < this.clusters.length; i++) {
      var k = this.clusters[i];
      var dx = k[0] - x, dy = k[1] - y;
      if (dx * dx + dy * dy <= k[2] * k[2]) {
        this.zoom(2.5, k[0], k[1]);
        return;
      }
    }
    var best = -1, bestD = PICK_PX * PICK_PX;
    for (var j = 0; j < this.singles.length; j++) {
      var s = this.singles[j];
      var d = (s[1] - x) * (s[1] - x) + (s[2] - y) * (s[2] - y);
      if (d <= bestD) { best = s[0]; bestD = d; }
    }
    if (best >= 0) {
      this.selected = best;
      this.invalidate();
      this.onPick(best);
    }
  };

  FleetMap.prototype.drawTrails = function () {
    var l = this.trailLayer.getContext('2d');
    var key = this.view.cx + ',' + this.view.cy + ',' + this.view.scale + ',' + this.width + ',' + this.height;
    var from = this.trailDrawn;
    if (this.trailView !== key) {
      l.setTransform(1, 0, 0, 1, 0, 0);
      l.clearRect(0, 0, this.trailLayer.width, this.trailLayer.height);
      this.trailView = key;
      from = 0;
    }
    var v = this.view;
    var ox = this.width / 2 - v.cx * v.scale;
    var oy = this.height / 2 - v.cy * v.scale;
    l.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    l.strokeStyle = 'rgba(80, 90, 110, 0.22)';
    l.lineWidth = Math.max(1, Math.min(6, 8 * v.scale));
    l.lineCap = 'round';
    l.beginPath();
    var t = this.trail, s = v.scale;
    for (var i = from; i < this.trailCount; i++) {
      var j = i * 4;
      l.moveTo(t[j] * s + ox, t[j + 1] * s + oy);
      l.lineTo(t[j + 2] * s + ox, t[j + 3] * s + oy);
    }
    l.stroke();
    this.trailDrawn = this.trailCount;
  };

  FleetMap.prototype.render = function () {
    this.dirty = false;
    var m = this.model;
    if (!this.fitted && !this.fit()) {
      return;
    }
    var ctx = this.ctx;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.drawTrails();
    ctx.drawImage(this.trailLayer, 0, 0);
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);

    var colours = m.colours;
    var drawn = {};
    colours.forEach(function (c) { drawn[c.name] = 0; });
    var inView = [];
    for (var i = 0; i < m.n; i++) {
      if (!m.located[i]) { continue; }
      var w = this.world(m.lat[i], m.lon[i]);
      var p = this.toScreen(w[0], w[1]);
      if (p[0] < -20 || p[1] < -20 || p[0] > this.width + 20 || p[1] > this.height + 20) { continue; }
      drawn[colours[(m.status[i] >> 10) & 7].name]++;
      inView.push(i, p[0], p[1]);
    }
    var cells = new Map();
    if (this.view.scale < CLUSTER_BELOW && inView.length / 3 > CLUSTER_ABOVE) {
      for (var q = 0; q < inView.length; q += 3) {
        var key = Math.floor(inView[q + 1] / CLUSTER_CELL) + ':' + Math.floor(inView[q + 2] / CLUSTER_CELL);
        var cell = cells.get(key);
        if (!cell) { cells.set(key, cell = []); }
        cell.push(inView[q], inView[q + 1], inView[q + 2]);
      }
      inView = [];
    }
    this.singles = [];
    this.clusters = [];
    var self = this;
    cells.forEach(function (cell) {
      if (cell.length === 3) {
        inView.push(cell[0], cell[1], cell[2]);
      } else {
        self.drawCluster(cell);
      }
    });
    for (var k = 0; k < inView.length; k += 3) {
      this.drawCamera(inView[k], inView[k + 1], inView[k + 2]);
    }
    this.stats = { drawn: drawn, markers: this.singles.length, clusters: this.clusters.length };
  };

  FleetMap.prototype.drawCamera = function (idx, x, y) {
    var ctx = this.ctx;
    var s = this.model.status[idx];
    var colour = this.model.colours[(s >> 10) & 7].css;
    var online = (s & 0x100) !== 0;
    var r = this.view.scale >= FOCUS_SCALE ? 6 : 4.5;
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.fillStyle = online ? colour : '#ffffff';
    ctx.fill();
    ctx.lineWidth = online ? 1 : 2;
    ctx.strokeStyle = online ? 'rgba(255,255,255,0.9)' : colour;
    ctx.stroke();
    if (idx === this.selected) {
      ctx.beginPath();
      ctx.arc(x, y, r + 4, 0, 2 * Math.PI);
      ctx.lineWidth = 2;
      ctx.strokeStyle = '#111';
      ctx.stroke();
    }
    this.singles.push([idx, x, y]);
  };

  FleetMap.prototype.drawCluster = function (cell) {
    var ctx = this.ctx;
    var m = this.model;
    var n = cell.length / 3;
    var sx = 0, sy = 0;
    var counts = new Array(m.colours.length).fill(0);
    var members = [];
    for (var i = 0; i < cell.length; i += 3) {
      sx += cell[i + 1];
      sy += cell[i + 2];
      counts[(m.status[cell[i]] >> 10) & 7]++;
      members.push(cell[i]);
    }
    var x = sx / n, y = sy / n;
    var r = Math.min(22, 7 + 3 * Math.log2(n));
    var start = -Math.PI / 2;
    for (var c = 0; c < counts.length; c++) {
      if (!counts[c]) { continue; }
      var end = start + 2 * Math.PI * counts[c] / n;
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.arc(x, y, r, start, end);
      ctx.closePath();
      ctx.fillStyle = m.colours[c].css;
      ctx.fill();
      start = end;
    }
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = '#fff';
    ctx.stroke();
    if (r >= 10) {
      ctx.beginPath();
      ctx.arc(x, y, r * 0.55, 0, 2 * Math.PI);
      ctx.fillStyle = 'rgba(255,255,255,0.92)';
      ctx.fill();
      ctx.fillStyle = '#222';
      ctx.font = '600 ' + (n >= 1000 ? 8 : 10) + 'px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(String(n), x, y + 0.5);
    }
    this.clusters.push([x, y, r, members]);
  };

  window.FleetMap = FleetMap;
})();
