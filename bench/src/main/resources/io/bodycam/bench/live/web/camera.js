/*
 * One camera in hand: its state, snapshot and last events (refreshed while the panel is open), and
 * buttons for the actions of issue 17 (POST /api/cameras/{id}/actions). A replay offers no actions.
 */
(function () {
  'use strict';

  var REFRESH_MS = 2000;
  var el = window.LivePanels.el;
  var time = window.LivePanels.time;

  /** [label, action, parameter field, default, input class]. */
  var ACTIONS = [
    ['Power on', { action: 'powerOn' }],
    ['Power off', { action: 'powerOff' }],
    ['Record', { action: 'record', trigger: 'button' }],
    ['Stop', { action: 'stop' }],
    ['Holster', { action: 'record', trigger: 'holster' }],
    ['Light bar', { action: 'record', trigger: 'lightbar' }],
    ['Dock', { action: 'dock' }],
    ['Undock', { action: 'undock' }],
    ['Power cut', { action: 'powerCut' }],
    ['Fill card', { action: 'setStorage', full: true }],
    ['Free card', { action: 'setStorage', full: false }],
    ['Pull network, s', { action: 'pullNetwork' }, 'seconds', '30'],
    ['Battery, %', { action: 'setBattery' }, 'percent', '5'],
    ['Skew clock, s', { action: 'skewClock' }, 'seconds', '3600'],
    ['Command', { action: 'sendCommand' }, 'type', 'locate', 'wide'],
    ['params', null, 'params', '{}', 'wide']
  ];

  function CameraPanel(fleet, live) {
    this.fleet = fleet;
    this.live = live;
    this.box = document.getElementById('camera');
    this.deviceId = null;
    this.timer = 0;
    var self = this;
    document.getElementById('camera-close').addEventListener('click', function () { self.close(); });
    this.buildActions();
  }

  CameraPanel.prototype.buildActions = function () {
    var box = document.getElementById('camera-actions');
    if (this.fleet.replay) {
      box.appendChild(el('p', { 'class': 'note' }, 'A replay of a finished run: its cameras cannot be acted on.'));
      return;
    }
    var self = this;
    var inputs = {};
    ACTIONS.forEach(function (a) {
      var wrap = a[2] ? el('span', { 'class': 'param' }) : null;
      if (a[1]) {
        var b = el('button', { type: 'button', 'data-action': a[1].action + (a[1].trigger ? ':' + a[1].trigger : '')
          + (a[1].full !== undefined ? ':' + a[1].full : '') }, a[0]);
        b.addEventListener('click', function () {
          var body = Object.assign({}, a[1]);
          try {
            if (a[1].action === 'sendCommand') {
              body.type = inputs.type.value.trim();
              body.params = JSON.parse(inputs.params.value || '{}');
            } else if (a[2]) {
              body[a[2]] = Number(inputs[a[2] + ':' + a[1].action].value);
            }
          } catch (e) {
            self.result('params: ' + e.message, true);
            return;
          }
          self.act(body);
        });
        (wrap || box).appendChild(b);
      }
      if (a[2]) {
        var input = el('input', { value: a[3], 'aria-label': a[2], 'class': a[4] || '' });
        inputs[a[1] && a[1].action !== 'sendCommand' ? a[2] + ':' + a[1].action : a[2]] = input;
        wrap.appendChild(input);
        box.appendChild(wrap);
      }
    });
  };

  CameraPanel.prototype.open = function (deviceId) {
    this.deviceId = deviceId;
    this.box.hidden = false;
    document.getElementById('camera-id').textContent = deviceId;
    this.result('', false);
    this.refresh();
  };

  CameraPanel.prototype.close = function () {
    this.deviceId = null;
    this.box.hidden = true;
    clearTimeout(this.timer);
  };

  CameraPanel.prototype.refresh = function () {
    clearTimeout(this.timer);
    var id = this.deviceId;
    if (!id) { return; }
    var self = this;
    this.live.request('GET', 'api/cameras/' + encodeURIComponent(id)).then(function (r) {
      if (self.deviceId !== id) { return; }
      if (r.ok) { self.show(r.body); } else { self.result(r.body.error || ('HTTP ' + r.status), true); }
      self.timer = setTimeout(function () { self.refresh(); }, REFRESH_MS);
    });
  };

  CameraPanel.prototype.act = function (body) {
    var self = this;
    var id = this.deviceId;
    this.result('\u2026', false);
    this.live.request('POST', 'api/cameras/' + encodeURIComponent(id) + '/actions', body).then(function (r) {
      if (r.ok) {
        self.result(r.body.message, false);
        setTimeout(function () { self.refresh(); }, 300);
      } else {
        self.result((r.body && r.body.error) || ('HTTP ' + r.status), true);
      }
    });
  };

  CameraPanel.prototype.result = function (text, error) {
    var p = document.getElementById('camera-result');
    p.textContent = text;
    p.className = 'result' + (error ? ' error' : '');
  };

  CameraPanel.prototype.show = function (d) {
    var rows = [['group', d.group], ['mode', d.state.mode.toLowerCase().replace(/_/g, ' ')],
      ['dock phase', d.state.dockPhase ? d.state.dockPhase.toLowerCase().replace(/_/g, ' ') : '\u2013'],
      ['online', d.state.online ? 'yes' : 'no'], ['uploading', d.state.uploading ? 'yes' : 'no'],
      ['position', d.state.lat === undefined ? 'unknown' : d.state.lat.toFixed(5) + ', ' + d.state.lon.toFixed(5)]];
    var s = d.snapshot;
    if (s) {
      rows.push(['battery', s.batteryPercent.toFixed(1) + ' %'], ['flags', s.flags.join(', ') || '\u2013'],
        ['storage used', (s.storageUsed / 1e9).toFixed(2) + ' GB'], ['storage free', (s.storageFree / 1e9).toFixed(2) + ' GB'],
        ['segments stored', s.segmentsStored], ['to upload', s.uploadable], ['recording', s.recordingId || '\u2013'],
        ['firmware', s.firmware + (s.firmwarePending ? ' (offered ' + s.firmwarePending + ')' : '')], ['boots', s.boots]);
    } else {
      rows.push(['snapshot', this.fleet.replay ? 'none in a replay: the state comes from the record\u2019s events'
        : 'none from this fleet']);
    }
    var t = document.getElementById('camera-state');
    t.textContent = '';
    rows.forEach(function (r) {
      var tr = el('tr');
      tr.appendChild(el('td', null, r[0]));
      tr.appendChild(el('td', { 'data-field': r[0] }, String(r[1])));
      t.appendChild(tr);
    });
    var ol = document.getElementById('camera-events');
    ol.textContent = '';
    d.events.slice().reverse().forEach(function (e) {
      var li = el('li');
      li.appendChild(el('span', { 'class': 't' }, time(e.t).slice(11)));
      li.appendChild(el('b', null, e.type));
      var f = Object.keys(e.fields).map(function (k) { return k + '=' + JSON.stringify(e.fields[k]); }).join(' ');
      if (f) { li.appendChild(el('span', { 'class': 'f' }, ' ' + f)); }
      ol.appendChild(li);
    });
  };

  window.CameraPanel = CameraPanel;
})();
