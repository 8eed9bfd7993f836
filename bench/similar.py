"""Benchmark: similar-case index at scale on procedurally generated case texts.

Builds a :class:`SimilarIndex` of ``--n`` synthetic Chinese case accounts (2 %
of them near-duplicates of earlier cases, edited by replacing a sentence and
changing a few characters), then for a sample of queries (half planted
near-duplicates, half random cases) measures query latency and recall@5
against an exact scan: the exact top 5 by Jaccard over the same shingles among
cases with Jaccard >= the index's ``min_jaccard`` (0.5: "similar" means a
near-duplicate account of the same dispute).  A returned case counts as a hit
if it is in the exact top 5 or ties the 5th.  Last line: one JSON object.
No dataset needed.
"""

from __future__ import annotations

import _common

_common.add_repo_to_path()

import argparse  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from fengqiao.triage.engine.similar import CaseRecord, SimilarIndex, shingles  # noqa: E402

SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = list(
    "建国华明丽军伟芳敏静强磊洋艳勇杰娟涛超秀英霞平刚桂兰红玉梅兵辉鹏飞文斌宇浩凯亮晨雪琳波峰林海燕春宁雷志成德福生祥荣顺利金银贵富"
)
PROVINCES = [
    "浙江省",
    "湖南省",
    "四川省",
    "河南省",
    "山东省",
    "江苏省",
    "广东省",
    "湖北省",
    "安徽省",
    "江西省",
    "福建省",
    "河北省",
]
CITIES = [
    "绍兴市",
    "长沙市",
    "成都市",
    "郑州市",
    "临沂市",
    "徐州市",
    "韶关市",
    "宜昌市",
    "阜阳市",
    "赣州市",
    "南平市",
    "保定市",
    "衡阳市",
    "绵阳市",
    "洛阳市",
]
TOWNS = [
    "枫桥镇",
    "城关镇",
    "新华街道",
    "青山乡",
    "石门镇",
    "大河乡",
    "东湖街道",
    "白沙镇",
    "红旗乡",
    "龙泉镇",
    "西溪街道",
    "柳树乡",
    "桃源镇",
    "黄土岭乡",
]
VILLAGES = [
    "东村",
    "西岭村",
    "下洋村",
    "前进村",
    "杨家湾村",
    "石桥村",
    "新塘村",
    "上坪村",
    "河口村",
    "马家庄",
    "张家坝村",
    "李家沟村",
]
TIMES = [
    "{y}年{m}月{d}日",
    "{y}年{m}月",
    "去年{m}月",
    "今年{m}月{d}日",
    "{m}月{d}日上午",
    "{m}月{d}日晚上",
    "近{k}年来",
    "{k}个月前",
]
OPENERS = [
    "申请人{a}与被申请人{b}系{rel}，均住{place}。",
    "{place}村民{a}来到调委会反映，其与{b}之间存在纠纷。",
    "当事人{a}（{age}岁）与{b}（{age2}岁）因{topic}问题产生矛盾，{place}调委会受理了此案。",
    "{a}向{place}人民调解委员会申请调解，称{b}{verb_open}。",
]
RELS = [
    "邻居",
    "同村村民",
    "夫妻",
    "兄弟",
    "母子",
    "雇佣关系",
    "买卖双方",
    "合伙人",
    "房东与租客",
    "业主与物业",
    "同事",
    "亲戚",
]
TOPICS = [
    "宅基地",
    "工资",
    "赡养",
    "借款",
    "装修",
    "通行",
    "排水",
    "土地承包",
    "拆迁补偿",
    "交通事故赔偿",
    "医疗费用",
    "物业费",
    "货款",
    "噪音",
    "山林权属",
    "彩礼",
    "继承",
    "工伤",
    "退货",
    "集体收益分配",
]
VERB_OPEN = [
    "拖欠其款项至今未还",
    "占用了其家的通道",
    "长期不支付赡养费",
    "擅自在其承包地上种树",
    "未按合同约定交货",
    "拒绝退还押金",
    "把垃圾倒在其家门口",
    "拒不承担事故责任",
]
ACTORS = [
    "{a}",
    "{b}",
    "{a}的儿子",
    "{b}的妻子",
    "{b}家",
    "双方",
    "村干部",
    "包工头{c}",
    "对方",
    "{a}的母亲",
    "网格员{c}",
]
ACTIONS = [
    "多次上门讨要",
    "在{place2}与对方发生争吵",
    "拒绝协商",
    "向派出所报警",
    "找到村委会要求处理",
    "将围墙加高了{k}米",
    "拿出了一份{y}年的协议",
    "支付了{money}元",
    "拖欠{money}元未付",
    "称自己没有过错",
    "要求赔偿损失{money}元",
    "把{obj}搬到了对方门口",
    "砍掉了{k}棵树",
    "在微信上辱骂对方",
    "表示愿意让步",
    "提出分期付款",
    "坚持要求恢复原状",
    "请来了亲戚帮忙",
    "申请了司法鉴定",
    "把车停在了{obj}旁边",
]
OBJS = [
    "院子",
    "排水沟",
    "承包地",
    "门面房",
    "货车",
    "鱼塘",
    "楼道",
    "果园",
    "围墙",
    "猪圈",
    "水井",
    "柴房",
    "电动车",
    "空调外机",
]
CONSEQ = [
    "导致双方关系紧张",
    "造成经济损失约{money}元",
    "影响了正常生产生活",
    "致使矛盾进一步激化",
    "双方各执一词",
    "问题一直未能解决",
    "引起周边群众不满",
    "造成{a}受了轻伤",
    "对方至今未予回应",
    "双方约定{m}月底前处理完毕",
]
CLOSERS = [
    "经调解员耐心劝导，双方达成一致意见，签订了调解协议。",
    "调解员实地查看后组织双方协商，目前仍在调解中。",
    "双方同意由{c}作为见证人，{money}元分{k}期付清。",
    "调委会建议双方通过诉讼途径解决。",
    "经过三次调解，{b}当场向{a}赔礼道歉。",
    "双方握手言和，承诺今后互谅互让。",
]


def _name(r: random.Random) -> str:
    return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.randint(1, 2)))


def _fill(t: str, r: random.Random, ctx: dict[str, str]) -> str:
    return t.format(
        y=r.randint(2005, 2025),
        m=r.randint(1, 12),
        d=r.randint(1, 28),
        k=r.randint(2, 9),
        money=r.choice([r.randint(2, 99) * 100, r.randint(1, 50) * 1000, r.randint(1, 30) * 10000]),
        obj=r.choice(OBJS),
        place2=r.choice(VILLAGES + TOWNS),
        **ctx,
    )


def _sentence(r: random.Random, ctx: dict[str, str]) -> str:
    s = r.choice(TIMES) + "，" + r.choice(ACTORS) + r.choice(ACTIONS)
    if r.random() < 0.6:
        s += "，" + r.choice(CONSEQ)
    return _fill(s, r, ctx) + "。"


def make_case(r: random.Random) -> tuple[list[str], dict]:
    ctx = {"a": _name(r), "b": _name(r), "c": _name(r)}
    prov, city, town, vil = r.choice(PROVINCES), r.choice(CITIES), r.choice(TOWNS), r.choice(VILLAGES)
    ctx["place"] = city + town + vil
    head = _fill(
        r.choice(OPENERS),
        r,
        {
            **ctx,
            "rel": r.choice(RELS),
            "age": str(r.randint(20, 85)),
            "age2": str(r.randint(20, 85)),
            "topic": r.choice(TOPICS),
            "verb_open": r.choice(VERB_OPEN),
        },
    )
    sents = [head] + [_sentence(r, ctx) for _ in range(r.randint(3, 6))] + [_fill(r.choice(CLOSERS), r, ctx)]
    phone = f"1{r.choice('3578')}{r.randint(0, 999999999):09d}"
    return sents, {"parties": [ctx["a"], ctx["b"]], "phones": [phone], "place": prov + ctx["place"]}


def mutate(sents: list[str], r: random.Random) -> list[str]:
    out = list(sents)
    i = r.randrange(1, len(out))
    out[i] = _sentence(r, {"a": "当事人", "b": "对方", "c": _name(r), "place": ""})
    j = r.randrange(len(out))
    chars = list(out[j])
    for _ in range(r.randint(1, 4)):
        chars[r.randrange(len(chars))] = r.choice(GIVEN)
    out[j] = "".join(chars)
    return out


def exact_scan_factory(index: SimilarIndex):
    """Inverted postings over the stored shingles for exact Jaccard scans."""
    data = index._sh_data[: index._nnz]
    lens = np.diff(index._sh_off[: index._n + 1])
    order = np.argsort(data, kind="stable")
    sorted_sh = data[order]
    doc_of = np.repeat(np.arange(index._n, dtype=np.uint32), lens)[order]
    del order

    def top(q_text: str, k: int, min_j: float, exclude: str) -> list[tuple[str, float]]:
        q = shingles(q_text)
        lo = np.searchsorted(sorted_sh, q, side="left")
        hi = np.searchsorted(sorted_sh, q, side="right")
        docs = np.concatenate([doc_of[a:b] for a, b in zip(lo, hi, strict=True)])
        inter = np.bincount(docs, minlength=index._n)
        jac = inter / (len(q) + lens - inter)
        best = np.argsort(-jac, kind="stable")[: k + 5]
        return [(index.ids[i], float(jac[i])) for i in best if jac[i] >= min_j and index.ids[i] != exclude][
            :k
        ]

    return top


def main() -> None:
    ap = _common.parser(__doc__)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--batch", type=int, default=50_000)
    ap.add_argument("--seed", type=int, default=7)
    args: argparse.Namespace = ap.parse_args()
    r = random.Random(args.seed)
    index = SimilarIndex()
    planted: list[tuple[str, str]] = []  # (case id, text)
    recent: list[list[str]] = []
    t0, build_c0 = time.perf_counter(), time.process_time()
    gen_s = gen_cpu = 0.0
    n = 0
    while n < args.n:
        g0, gc0 = time.perf_counter(), time.process_time()
        batch = []
        for _ in range(min(args.batch, args.n - n)):
            cid = f"C{n:07d}"
            if recent and r.random() < 0.02:
                sents = mutate(r.choice(recent), r)
                meta = {}
                if len(planted) < args.queries:
                    planted.append((cid, "".join(sents)))
            else:
                sents, meta = make_case(r)
                if r.random() < 0.01:
                    recent.append(sents)
                    recent = recent[-2000:]
            batch.append(CaseRecord(cid, "".join(sents), **meta))
            n += 1
        gen_s += time.perf_counter() - g0
        gen_cpu += time.process_time() - gc0
        index.add_many(batch)
        print(f"{n} cases indexed, {time.perf_counter() - t0:.0f}s", flush=True)
    build_s = time.perf_counter() - t0 - gen_s
    build_cpu = time.process_time() - build_c0 - gen_cpu
    # a few single-case incremental adds on the full index
    t1 = time.perf_counter()
    for j in range(200):
        sents, meta = make_case(r)
        index.add(f"X{j}", "".join(sents), **meta)
    single_add_ms = (time.perf_counter() - t1) * 1000 / 200

    rq = random.Random(args.seed + 1)
    randoms = [(index.ids[i], None) for i in rq.sample(range(args.n), args.queries // 2)]
    queries = planted[: args.queries // 2]
    # regenerate random-case texts is impossible (texts are not stored): use planted texts
    # and fresh mutations of stored-case-like texts for the second half
    extra = []
    for _ in range(len(randoms)):
        sents, _meta = make_case(rq)
        extra.append((None, "".join(sents)))
    sample = queries + extra
    lat = []
    results = []
    cpu = []
    for cid, text in sample:
        q0, c0 = time.perf_counter(), time.process_time()
        res = index.query(text, k=5, exclude=[cid] if cid else [])
        lat.append((time.perf_counter() - q0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        results.append(res)
    t2 = time.perf_counter()
    top = exact_scan_factory(index)
    hits = total = 0
    nonempty = 0
    for (cid, text), res in zip(sample, results, strict=True):
        exact = top(text, 5, index.min_jaccard, cid or "")
        if not exact:
            continue
        nonempty += 1
        kth = exact[-1][1]
        got = {m.case_id: m.text_similarity for m in res}
        want = {e for e, _ in exact}
        hits += sum(1 for c, j in got.items() if c in want or j >= kth - 1e-9)
        total += len(exact)
    exact_s = time.perf_counter() - t2
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    _common.emit(
        {
            "n": len(index),
            "query_ms_median": round(float(np.median(lat)), 3),
            "query_ms_p95": round(float(np.percentile(lat, 95)), 3),
            "query_cpu_ms_median": round(float(np.median(cpu)), 3),
            "query_cpu_ms_p95": round(float(np.percentile(cpu, 95)), 3),
            "recall_at_5": round(hits / total, 4) if total else None,
            "recall_queries_with_similar_cases": nonempty,
            "recall_relevant_total": total,
            "build_seconds": round(build_s, 1),
            "build_cpu_seconds": round(build_cpu, 1),
            "generate_seconds": round(gen_s, 1),
            "single_add_ms": round(single_add_ms, 3),
            "memory_mb": round(index.memory_bytes() / 2**20, 1),
            "peak_rss_mb": round(rss_mb, 1),
            "exact_scan_seconds": round(exact_s, 1),
            "min_jaccard": index.min_jaccard,
        }
    )


if __name__ == "__main__":
    main()
