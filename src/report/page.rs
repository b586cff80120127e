//! The fixed parts of the report page: style and script, inline, so the
//! file is whole on its own (no fonts, scripts or requests; the page's
//! Content-Security-Policy forbids any).

/// Colours of the entity types, in the gazetteer's type order (declared
/// types take the later ones in turn).
pub const COLOURS: &[&str] = &[
    "#f6c1c1", "#c5d8f7", "#f7dca8", "#c9ebc4", "#e2cdf3", "#c8eeee", "#f3d0e6", "#e5e5c0",
];

pub const STYLE: &str = r#"
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #222; background: #fafafa; }
header { background: #fff; padding: 8px 16px 0; }
nav#controls { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #ddd; padding: 6px 16px; z-index: 2; }
h1 { font-size: 20px; margin: 0 0 4px; }
#summary { font-size: 13px; color: #444; }
#summary table { border-collapse: collapse; margin: 4px 12px 4px 0; display: inline-table; vertical-align: top; }
#summary td, #summary th { padding: 1px 8px 1px 0; text-align: left; }
#controls input { width: 22em; }
#summary details { margin: 4px 0; }
.legend span { margin-right: 8px; padding: 1px 6px; border-radius: 3px; font-size: 12px; }
main { padding: 8px 16px 40px; max-width: 70em; }
article.doc { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 8px 14px; margin: 12px 0; }
article.doc h2 { font-size: 15px; margin: 0 0 6px; color: #555; }
.text { white-space: pre-wrap; }
mark.ent { border-radius: 3px; padding: 0 1px; cursor: pointer; color: inherit; }
mark.ent.title-form { outline: 1px dashed #999; }
ol.events { padding-left: 20px; }
li.event { margin: 6px 0; cursor: pointer; }
.etype { font-weight: 600; font-size: 12px; background: #333; color: #fff; border-radius: 3px; padding: 0 5px; }
code.rule { font-size: 12px; color: #555; }
.mod { font-size: 12px; color: #777; }
.roles { font-size: 13px; color: #333; }
.ev-sent { margin: 2px 0 0; color: #444; }
.trig { background: #222; color: #fff; border-radius: 3px; padding: 0 3px; font-weight: normal; }
.role { border-bottom: 2px solid #c33; }
.role sub { color: #c33; font-size: 10px; margin-left: 1px; }
#details { position: fixed; right: 12px; bottom: 12px; width: 26em; background: #fffbe6; border: 1px solid #cc9; border-radius: 6px; padding: 8px 12px; font-size: 13px; z-index: 3; }
#details dt { font-weight: 600; }
#details dd { margin: 0 0 4px 0; word-break: break-all; }
"#;

pub const SCRIPT: &str = r#"
(function () {
  var docs = Array.prototype.slice.call(document.querySelectorAll('article.doc'));
  var filter = document.getElementById('type-filter');
  var search = document.getElementById('search');
  var shown = document.getElementById('shown');
  var panel = document.getElementById('details');
  function apply() {
    var type = filter.value;
    var query = search.value.toLowerCase();
    var count = 0;
    docs.forEach(function (doc) {
      var any = type === '';
      doc.querySelectorAll('li.event').forEach(function (ev) {
        var keep = type === '' || ev.getAttribute('data-type') === type;
        ev.hidden = !keep;
        if (keep) { any = true; }
      });
      var keep = any && (query === '' || doc.textContent.toLowerCase().indexOf(query) >= 0);
      doc.hidden = !keep;
      if (keep) { count += 1; }
    });
    shown.textContent = count + ' of ' + docs.length + ' documents shown';
  }
  function details(el) {
    var list = panel.querySelector('dl');
    list.textContent = '';
    Array.prototype.forEach.call(el.attributes, function (a) {
      if (a.name.indexOf('data-') !== 0) { return; }
      var dt = document.createElement('dt');
      dt.textContent = a.name.slice(5);
      var dd = document.createElement('dd');
      dd.textContent = a.value;
      list.appendChild(dt);
      list.appendChild(dd);
    });
    panel.hidden = false;
  }
  filter.addEventListener('change', apply);
  search.addEventListener('input', apply);
  document.addEventListener('click', function (e) {
    var el = e.target.closest('mark.ent, li.event');
    if (el) { details(el); } else if (!e.target.closest('#details')) { panel.hidden = true; }
  });
  apply();
  document.body.setAttribute('data-highlights', String(document.querySelectorAll('mark.ent').length));
})();
"#;
