#pragma once
// Inline stylesheet and script shared by the report pages (no external resources).
namespace sidepeak::report::assets {

inline constexpr const char* kCss = R"CSS(
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--found:#b3261e;--clear:#1a7f37;--unk:#8250df;--bg:#fff}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1200px;padding:1rem 1.5rem}
h1{font-size:1.5rem;margin:.2rem 0 .8rem}h2{font-size:1.2rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--line)}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}th[data-sort]{cursor:pointer}th[aria-sort=ascending]::after{content:" \25B2"}th[aria-sort=descending]::after{content:" \25BC"}
.v-found{color:var(--found);font-weight:600}.v-clear{color:var(--clear)}.v-unchecked{color:var(--unk)}
.conf{color:var(--muted);font-size:.9em}.err{color:var(--found)}.muted{color:var(--muted)}
.filters{display:flex;gap:1rem;flex-wrap:wrap;align-items:center;margin:.5rem 0}
figure{margin:.8rem 0}.pair{display:grid;grid-template-columns:1fr 1fr;gap:.8rem}.pair figure{margin:0}figcaption{color:var(--muted);font-size:.9em}
svg.plot{background:#fff;border:1px solid var(--line);max-width:100%;height:auto;touch-action:none}
svg.plot .frame{fill:none;stroke:#8c959f}svg.plot text{font-size:11px;fill:#424a53;user-select:none}
svg.plot .xticks line,svg.plot .yticks line{stroke:#8c959f}svg.plot .xticks text{text-anchor:middle}svg.plot .yticks text{text-anchor:end;dominant-baseline:middle}
svg.plot .xlabel{text-anchor:middle}svg.plot .ylabel{text-anchor:middle}
svg.plot path.series{fill:none;stroke:#0550ae;stroke-width:1}svg.plot path.baseline{fill:none;stroke:#8c959f;stroke-width:1;stroke-dasharray:4 3}
svg.plot path.dots{fill:none;stroke:#0550ae;stroke-width:5;stroke-linecap:round}svg.plot path.dots.evidence{stroke:#cf222e;stroke-width:8}
svg.plot path.bpc{fill:none;stroke:#bf8700;stroke-width:1}
svg.plot .region{fill:#ffb000;fill-opacity:.22}svg.plot .region.olefin{fill:#cf222e;fill-opacity:.15}svg.plot .region.hump{fill:#8250df;fill-opacity:.18}
svg.plot .marker line{stroke:#57606a;stroke-width:1}svg.plot .marker.evidence line{stroke:#cf222e;stroke-width:2}
svg.plot .mlabel{font-size:10px;text-anchor:middle}svg.plot .mlabel.evidence{fill:#a40e26;font-weight:600}
svg.plot path.pred-nox{fill:none;stroke:#cf222e;stroke-width:1.5}svg.plot path.pred-intact{fill:none;stroke:#1a7f37;stroke-width:1.5}
svg.plot .marker.pred-nox line{stroke:#cf222e}svg.plot .marker.pred-intact line{stroke:#1a7f37}
svg.plot .mlabel.pred-nox{fill:#a40e26}svg.plot .mlabel.pred-intact{fill:#116329}svg.plot .mlabel.peak{fill:#424a53}
.zoomhelp{font-size:.85em;color:var(--muted)}button{font:inherit;padding:.15rem .6rem}
@media print{.filters,.zoomhelp,button{display:none}body{max-width:none}a{color:inherit;text-decoration:none}}
)CSS";

inline constexpr const char* kScript = R"JS(
(function(){
'use strict';
function q(s,r){return Array.prototype.slice.call((r||document).querySelectorAll(s));}
// Sortable tables: click a header with data-sort.
q('table.sortable').forEach(function(t){q('th[data-sort]',t).forEach(function(th,col){th.addEventListener('click',function(){
  var dir=th.getAttribute('aria-sort')==='ascending'?-1:1;q('th',t).forEach(function(h){h.removeAttribute('aria-sort');});
  th.setAttribute('aria-sort',dir>0?'ascending':'descending');var idx=Array.prototype.indexOf.call(th.parentNode.children,th);
  var rows=q('tbody tr',t);rows.sort(function(a,b){var x=a.children[idx].getAttribute('data-key')||a.children[idx].textContent,
  y=b.children[idx].getAttribute('data-key')||b.children[idx].textContent;var nx=parseFloat(x),ny=parseFloat(y);
  if(!isNaN(nx)&&!isNaN(ny))return dir*(nx-ny);return dir*x.localeCompare(y);});rows.forEach(function(r){t.tBodies[0].appendChild(r);});});});});
// Filters on the index page.
var fc=document.getElementById('f-class'),fv=document.getElementById('f-verdict'),ft=document.getElementById('f-text');
function applyFilter(){var c=fc?fc.value:'',v=fv?fv.value:'',s=ft?ft.value.toLowerCase():'';var shown=0;
  q('#samples tbody tr').forEach(function(r){var ok=true;if(s&&r.getAttribute('data-id').toLowerCase().indexOf(s)<0)ok=false;
  if(v){if(c){ok=ok&&r.getAttribute('data-'+c)===v;}else{ok=ok&&['oligomer','over_alkylation','n_oxide','hofmann'].some(function(k){return r.getAttribute('data-'+k)===v;});}}
  r.hidden=!ok;if(ok)shown++;});var n=document.getElementById('shown');if(n)n.textContent=shown;}
[fc,fv,ft].forEach(function(e){if(e)e.addEventListener('input',applyFilter);});
// Zoomable plots: wheel zooms x around the cursor, drag pans, double click resets.
function Plot(svg){this.svg=svg;this.area=svg.querySelector('svg.area');this.x0=+svg.dataset.x0;this.x1=+svg.dataset.x1;this.rev=svg.dataset.rev==='1';
  var vb=this.area.getAttribute('viewBox').split(/\s+/).map(Number);this.home=vb.slice();this.vb=vb.slice();
  this.pw=+this.area.getAttribute('width');this.left=+this.area.getAttribute('x');this.top=+this.area.getAttribute('y');this.ph=+this.area.getAttribute('height');this.bind();}
Plot.prototype.set=function(vb){this.vb=vb;this.area.setAttribute('viewBox',vb.join(' '));this.ticks();};
Plot.prototype.ticks=function(){var g=this.svg.querySelector('g.xticks');if(!g)return;var a=this.vb[0],w=this.vb[2];
  var lo=this.rev?-(a+w):a,hi=this.rev?-a:a+w;var raw=(hi-lo)/10,mag=Math.pow(10,Math.floor(Math.log10(raw))),n=raw/mag;
  var step=(n<1.5?1:n<3.5?2:n<7.5?5:10)*mag,html='',ns='http://www.w3.org/2000/svg';while(g.firstChild)g.removeChild(g.firstChild);
  for(var t=Math.ceil(lo/step)*step;t<=hi+step*1e-9;t+=step){var xv=this.rev?-t:t,sx=this.left+(xv-a)/w*this.pw;
   var l=document.createElementNS(ns,'line');l.setAttribute('x1',sx);l.setAttribute('x2',sx);l.setAttribute('y1',this.top+this.ph);l.setAttribute('y2',this.top+this.ph+5);g.appendChild(l);
   var tx=document.createElementNS(ns,'text');tx.setAttribute('x',sx);tx.setAttribute('y',this.top+this.ph+18);tx.textContent=(Math.abs(t)<step*1e-6?0:+t.toPrecision(6));g.appendChild(tx);}
  var self=this;q('text.mlabel',this.svg).forEach(function(lb){var xv=+lb.dataset.x;xv=self.rev?-xv:xv;var sx=self.left+(xv-a)/w*self.pw;
   lb.setAttribute('x',sx);lb.style.display=(sx<self.left||sx>self.left+self.pw)?'none':'';});};
Plot.prototype.zoomTo=function(x,halfWidth){var c=this.rev?-x:x;this.set([c-halfWidth,this.vb[1],2*halfWidth,this.vb[3]]);};
Plot.prototype.bind=function(){var self=this,drag=null;
  this.svg.addEventListener('wheel',function(e){e.preventDefault();var r=self.svg.getBoundingClientRect(),scale=r.width/+self.svg.viewBox.baseVal.width;
   var fx=((e.clientX-r.left)/scale-self.left)/self.pw;fx=Math.min(1,Math.max(0,fx));var k=e.deltaY<0?0.8:1.25;var w=self.vb[2]*k;
   w=Math.min(w,self.home[2]);var a=self.vb[0]+fx*self.vb[2]-fx*w;a=Math.max(self.home[0],Math.min(a,self.home[0]+self.home[2]-w));self.set([a,self.vb[1],w,self.vb[3]]);},{passive:false});
  this.svg.addEventListener('pointerdown',function(e){drag={x:e.clientX,a:self.vb[0]};self.svg.setPointerCapture(e.pointerId);});
  this.svg.addEventListener('pointermove',function(e){if(!drag)return;var r=self.svg.getBoundingClientRect(),scale=r.width/+self.svg.viewBox.baseVal.width;
   var dx=(e.clientX-drag.x)/scale/self.pw*self.vb[2];var a=Math.max(self.home[0],Math.min(drag.a-dx,self.home[0]+self.home[2]-self.vb[2]));self.set([a,self.vb[1],self.vb[2],self.vb[3]]);});
  this.svg.addEventListener('pointerup',function(){drag=null;});
  this.svg.addEventListener('dblclick',function(){self.set(self.home.slice());});};
var plots={};q('svg.plot').forEach(function(s){if(s.querySelector('svg.area'))plots[s.id]=new Plot(s);});
q('button[data-reset]').forEach(function(b){b.addEventListener('click',function(){var p=plots[b.getAttribute('data-reset')];if(p)p.set(p.home.slice());});});
// Evidence links zoom their plot onto the evidence.
q('a[data-plot]').forEach(function(a){a.addEventListener('click',function(){var p=plots[a.getAttribute('data-plot')];
  if(p)p.zoomTo(+a.getAttribute('data-x'),+a.getAttribute('data-w'));});});
window.sidepeakPlots=plots;
})();
)JS";

}  // namespace sidepeak::report::assets
