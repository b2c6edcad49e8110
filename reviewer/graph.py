"""The citation graph across a corpus (networkx): documents → laws (with articles and
the provisions that cite them), documents → documents (by number or title).

Public verbs: `build_graph(reviews) -> nx.MultiDiGraph`, `write_graph(graph, out)`,
`impact(graph, law_id)`. The graph is built in one pass over the reviews, so its cost is
linear in the number of documents (bench/graph.py).
"""

from __future__ import annotations

import gc
import html
import json
from pathlib import Path

import networkx as nx

from .citations import articles_of
from .laws import load_registry, normalize_title
from .structure import provision_label_at

_STATUS_ZH = {
    "in_force": "现行有效",
    "amended": "已修订",
    "repealed": "已废止",
    "not_yet_effective": "尚未施行",
    "unverified": "未核实",
}


def doc_node(review) -> str:
    return f"doc:{review.file}"


def build_graph(reviews, registry=None) -> nx.MultiDiGraph:
    # Bulk construction allocates many small dicts; the cyclic GC would rescan the whole
    # growing graph each generation-2 pass, making the build superlinear.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(reviews, registry or load_registry())
    finally:
        if enabled:
            gc.enable()


def _build(reviews, registry) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    by_number: dict[str, str] = {}
    by_title: dict[str, str] = {}
    pending: list[tuple[str, object, object]] = []
    for review in reviews:
        doc = review.document
        node = doc_node(review)
        g.add_node(
            node,
            kind="document",
            label=doc.measure_title or doc.title or Path(review.file).name,
            title=doc.title or "",
            issuer=doc.issuer or "",
            date=doc.date or "",
            doc_number=doc.doc_number.text if doc.doc_number else "",
            file=review.file,
            cleanup=review.verdict.category,
            normative=doc.is_normative,
        )
        if doc.doc_number:
            by_number[doc.doc_number.normalized] = node
        for t in (doc.title, doc.measure_title):
            if t:
                by_title[normalize_title(t)] = node
        for c in doc.citations:
            pending.append((node, review, c))
    for node, review, c in pending:
        target = None
        if c.resolved:
            entry = registry.entries.get(c.resolved)
            target = f"law:{c.resolved}"
            if target not in g:
                g.add_node(
                    target,
                    kind="law",
                    label=entry.title if entry else c.resolved,
                    level=entry.level if entry else "",
                    status=entry.status if entry else "",
                    repealed=(entry.repealed or "") if entry else "",
                )
        elif c.doc_number and c.doc_number in by_number:
            target = by_number[c.doc_number]
        elif c.title and normalize_title(c.title) in by_title:
            target = by_title[normalize_title(c.title)]
        else:
            key = c.doc_number or normalize_title(c.title or "")
            if not key:
                continue
            target = f"ref:{key}"
            if target not in g:
                g.add_node(target, kind="unverified", label=c.title or c.doc_number)
        if target == node:
            continue
        g.add_edge(
            node,
            target,
            kind="cites",
            text=c.text,
            article=c.article or "",
            articles=",".join(str(n) for n in articles_of(c.article)),
            status=c.status,
            provision=provision_label_at(review.document, c.start) or "",
            start=c.start,
        )
    return g


def find_law_node(graph: nx.MultiDiGraph, title: str, registry=None) -> str | None:
    registry = registry or load_registry()
    entry = registry.lookup(title=title, doc_number=title)
    if entry is not None:
        return f"law:{entry.id}"
    key = normalize_title(title)
    for node, data in graph.nodes(data=True):
        if data.get("kind") in ("unverified", "document") and normalize_title(data.get("label", "")) == key:
            return node
    return None


def split_article(query: str) -> tuple[str, str | None]:
    """'大气污染防治法第一百一十五条' -> ('大气污染防治法', '第一百一十五条'); also 第115条, 《…》第×条."""
    from .citations import ARTICLE_LIST_RE

    q = query.strip()
    for m in ARTICLE_LIST_RE.finditer(q):
        if m.end() == len(q) and m.start() > 0:
            return q[: m.start()].rstrip(" 　的").strip("《》 "), m.group(0)
    return q.strip("《》 "), None


def impact(graph: nx.MultiDiGraph, target: str, articles: tuple[int, ...] = ()) -> list[dict]:
    """Every document citing `target` (only those citing one of `articles`, when given), with
    its file, title and the citing provisions in document order."""
    wanted = set(articles)
    rows = []
    for src in sorted({u for u, _ in graph.in_edges(target)}, key=lambda n: (graph.nodes[n].get("file", ""), n)):
        edges = sorted(graph.get_edge_data(src, target).values(), key=lambda e: e.get("start", 0))
        if wanted:
            edges = [e for e in edges if wanted & {int(a) for a in e.get("articles", "").split(",") if a}]
        if not edges:
            continue
        provisions, cites = [], []
        for e in edges:
            if e["provision"] and e["provision"] not in provisions:
                provisions.append(e["provision"])
            cites.append(
                {"provision": e["provision"], "text": e["text"], "article": e["article"], "start": e.get("start", 0)}
            )
        articles_cited = []
        for e in edges:
            if e["article"] and e["article"] not in articles_cited:
                articles_cited.append(e["article"])
        rows.append(
            {
                "document": src,
                **{k: graph.nodes[src].get(k, "") for k in ("label", "title", "file", "doc_number", "date", "issuer")},
                "provisions": provisions,
                "articles": articles_cited,
                "citations": cites,
                "statuses": sorted({e["status"] for e in edges}),
            }
        )
    return rows


def write_graph(graph: nx.MultiDiGraph, out: str | Path) -> list[Path]:
    """GraphML, JSON (node-link) and a self-contained HTML view next to each other."""
    out = Path(out)
    stem = out.with_suffix("") if out.suffix in (".graphml", ".json", ".html") else out
    stem.parent.mkdir(parents=True, exist_ok=True)
    clean = nx.MultiDiGraph()
    for n, d in graph.nodes(data=True):
        clean.add_node(n, **{k: ("" if v is None else v) for k, v in d.items()})
    for u, v, d in graph.edges(data=True):
        clean.add_edge(u, v, **{k: ("" if val is None else val) for k, val in d.items()})
    paths = [stem.with_suffix(".graphml"), stem.with_suffix(".json"), stem.with_suffix(".html")]
    nx.write_graphml(clean, paths[0])
    data = nx.node_link_data(clean, edges="links")
    paths[1].write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    paths[2].write_text(_html(data), encoding="utf-8")
    return paths


def _html(data: dict) -> str:
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return (
        _TEMPLATE.replace("__DATA__", payload)
        .replace("__STATUS__", json.dumps(_STATUS_ZH, ensure_ascii=False))
        .replace("__TITLE__", html.escape("规范性文件引用关系图"))
    )


# A self-contained page: no network, no library; a small force layout on SVG.
_TEMPLATE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>__TITLE__</title>
<style>
body{margin:0;font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;display:flex;height:100vh}
#side{width:340px;padding:12px;border-right:1px solid #ccc;overflow:auto;font-size:14px}
#canvas{flex:1;height:100vh;display:block}
.doc{fill:#2b6cb0}.law{fill:#2f855a}.law.repealed{fill:#c53030}.law.amended{fill:#dd6b20}.unverified{fill:#a0aec0}
line{stroke:#bbb;stroke-width:1}text{font-size:12px;pointer-events:none}
li{margin:4px 0}input{width:100%;padding:4px;box-sizing:border-box}
</style></head><body>
<div id="side"><h3>__TITLE__</h3>
<p>蓝色：文件；绿色：现行法律法规；橙色：已修订；红色：已废止；灰色：未核实。点击节点查看引用情况。</p>
<input id="q" placeholder="输入名称筛选"><div id="info"></div></div>
<svg id="canvas"></svg>
<script>
const data=__DATA__;const STATUS=__STATUS__;
const svg=document.getElementById('canvas');const box=svg.getBoundingClientRect();const W=box.width||900,H=box.height||700;
const N=data.nodes.length;const nodes=data.nodes.map((n,i)=>Object.assign({x:W/2+Math.cos(2*Math.PI*i/N)*Math.min(W,H)*0.4,y:H/2+Math.sin(2*Math.PI*i/N)*Math.min(W,H)*0.4,vx:0,vy:0},n));
const idx=new Map(nodes.map((n,i)=>[n.id,i]));
const links=data.links.map(l=>({s:idx.get(l.source),t:idx.get(l.target),d:l}));
const ITER=nodes.length>1500?40:300;
for(let it=0;it<ITER;it++){
 for(let i=0;i<nodes.length;i++)for(let j=i+1;j<nodes.length;j++){const a=nodes[i],b=nodes[j];let dx=a.x-b.x,dy=a.y-b.y,d2=dx*dx+dy*dy+0.01;if(d2>90000)continue;const f=600/d2;a.vx+=dx*f;a.vy+=dy*f;b.vx-=dx*f;b.vy-=dy*f;}
 for(const l of links){const a=nodes[l.s],b=nodes[l.t];const dx=b.x-a.x,dy=b.y-a.y;a.vx+=dx*0.03;a.vy+=dy*0.03;b.vx-=dx*0.03;b.vy-=dy*0.03;}
 for(const n of nodes){n.vx+=(W/2-n.x)*0.01;n.vy+=(H/2-n.y)*0.01;n.x+=Math.max(-10,Math.min(10,n.vx));n.y+=Math.max(-10,Math.min(10,n.vy));n.vx*=0.5;n.vy*=0.5;}
}
let x0=Infinity,y0=Infinity,x1=-Infinity,y1=-Infinity;for(const n of nodes){x0=Math.min(x0,n.x);y0=Math.min(y0,n.y);x1=Math.max(x1,n.x);y1=Math.max(y1,n.y);}
svg.setAttribute('viewBox',(x0-40)+' '+(y0-40)+' '+(x1-x0+240)+' '+(y1-y0+80));
const NS='http://www.w3.org/2000/svg';
for(const l of links){const e=document.createElementNS(NS,'line');const a=nodes[l.s],b=nodes[l.t];e.setAttribute('x1',a.x);e.setAttribute('y1',a.y);e.setAttribute('x2',b.x);e.setAttribute('y2',b.y);svg.appendChild(e);}
const groups=[];
for(const n of nodes){const g=document.createElementNS(NS,'g');const c=document.createElementNS(NS,'circle');
 c.setAttribute('cx',n.x);c.setAttribute('cy',n.y);c.setAttribute('r',n.kind==='document'?6:8);
 c.setAttribute('class',(n.kind==='document'?'doc':n.kind)+' '+(n.status||''));c.style.cursor='pointer';
 c.addEventListener('click',()=>show(n));const t=document.createElementNS(NS,'text');t.setAttribute('x',n.x+9);t.setAttribute('y',n.y+4);
 t.textContent=(n.label||'').slice(0,18);g.appendChild(c);g.appendChild(t);svg.appendChild(g);groups.push([n,g]);}
function esc(s){return String(s||'').replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));}
function show(n){const inc=links.filter(l=>nodes[l.t].id===n.id),out=links.filter(l=>nodes[l.s].id===n.id);
 let h='<h4>'+esc(n.label)+'</h4>';if(n.kind==='law')h+='<p>'+esc(n.level)+'，'+esc(STATUS[n.status]||n.status)+'</p>';
 if(n.kind==='document')h+='<p>'+esc(n.issuer)+' '+esc(n.doc_number)+' '+esc(n.date)+'</p>';
 if(inc.length){h+='<b>被引用：</b><ul>'+inc.map(l=>'<li>'+esc(nodes[l.s].label)+' '+esc(l.d.provision)+' '+esc(l.d.article)+'</li>').join('')+'</ul>';}
 if(out.length){h+='<b>引用：</b><ul>'+out.map(l=>'<li>'+esc(nodes[l.t].label)+' '+esc(l.d.article)+'（'+esc(STATUS[l.d.status]||l.d.status)+'）</li>').join('')+'</ul>';}
 document.getElementById('info').innerHTML=h;}
document.getElementById('q').addEventListener('input',e=>{const q=e.target.value;for(const [n,g] of groups)g.style.opacity=!q||(n.label||'').includes(q)?1:0.15;});
</script></body></html>
"""
