"""A synthetic loan book of a Xiamen bank, for demos, tests and benchmarks.

``generate_loan_book(n)`` returns a DataFrame laid out the way a bank's loan
ledger export looks: Chinese headers, every cell a string, blanks where the
bank has no value, industry codes written in several styles, technical
attributes filled only now and then, and a handful of deliberate defects
(duplicate ids, a bad credit-code check digit, a formula in a name…) that the
reader and the validator must catch.

Everything is fictitious. Company names are built from common name syllables
and will not be real firms except by coincidence; credit codes are
well-formed (GB 32100-2015 check character) but random. The GB/T 4754-2017
industry classes and the 《绿色债券支持项目目录（2021年版）》 item codes a
segment uses are real and were checked (see ``samples/README.md``); the
amounts, rates, capacities and operating hours are illustrative ranges, not
statistics.

The generator is vectorised: a loan's segment is drawn once, and every
column is built with numpy/pandas operations over the rows of a segment (a
Python loop runs over the ~50 segments and their templates, never over
rows), so a million rows take a few seconds.

Command line::

    python -m greenkit.synth --rows 600 -o samples/loan_book.csv
    python -m greenkit.synth --rows 1000000 -o big.csv --encoding gb18030
"""

from __future__ import annotations

import argparse
import math
import string
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from greenkit.ids import USCC_ALPHABET, USCC_WEIGHTS

DEFAULT_SEED = 20261122

# --------------------------------------------------------------------------
# Columns
# --------------------------------------------------------------------------
C_ID = "贷款编号"
C_NAME = "借款人名称"
C_USCC = "统一社会信用代码"
C_IND = "行业代码"
C_PURPOSE = "贷款用途"
C_PROJECT = "项目名称"
C_AMOUNT = "贷款余额（万元）"
C_CCY = "币种"
C_DATE = "审批日期"
C_REGION = "所在地区"
C_STD = "分类标准"
C_GREEN = "绿色贷款分类"
C_RATE = "贷款利率（%）"
C_INVEST = "项目总投资（万元）"
C_CAP = "装机容量（MW）"
C_GEN = "年发电量（万千瓦时）"
C_STAR = "绿色建筑星级"
C_EFF = "能效等级"
C_SAVING = "节能量（吨标准煤）"
C_VEHICLE = "车辆类型"

COLUMNS = [
    C_ID, C_NAME, C_USCC, C_IND, C_PURPOSE, C_PROJECT, C_AMOUNT, C_CCY, C_DATE,
    C_REGION, C_STD, C_GREEN, C_RATE, C_INVEST, C_CAP, C_GEN, C_STAR, C_EFF,
    C_SAVING, C_VEHICLE,
]

#: Declared classification standards (taxonomy folder ids).
STD_2021 = "cn-green-bond-2021"
STD_2025 = "cn-green-finance-2025"
#: Loans approved on or after this date fall under the 2025 catalogue
#: (银发〔2025〕132号, in force 2025-10-01).
CUTOFF_2025 = np.datetime64("2025-10-01")
DATE_FROM = np.datetime64("2019-01-01")
DATE_TO = np.datetime64("2026-09-30")

# --------------------------------------------------------------------------
# Places. (所在地区 text, city, city short, county/district, admin code)
# Admin codes are the GB/T 2260 codes as commonly published; used only to
# make credit codes look right (positions 3-8), not checked against the list.
# --------------------------------------------------------------------------
PLACES = [
    # Xiamen districts (0-5)
    ("厦门市", "厦门市", "厦门", "思明区", "350203"),
    ("厦门市", "厦门市", "厦门", "湖里区", "350206"),
    ("厦门市", "厦门市", "厦门", "集美区", "350211"),
    ("厦门市", "厦门市", "厦门", "海沧区", "350205"),
    ("厦门市", "厦门市", "厦门", "同安区", "350212"),
    ("厦门市", "厦门市", "厦门", "翔安区", "350213"),
    # Other Fujian (6-14)
    ("福建省泉州市", "泉州市", "泉州", "晋江市", "350582"),
    ("福建省泉州市", "泉州市", "泉州", "南安市", "350583"),
    ("福建省漳州市", "漳州市", "漳州", "漳浦县", "350623"),
    ("福建省漳州市", "漳州市", "漳州", "东山县", "350626"),
    ("福建省莆田市", "莆田市", "莆田", "秀屿区", "350305"),
    ("福建省宁德市", "宁德市", "宁德", "蕉城区", "350902"),
    ("福建省福州市", "福州市", "福州", "鼓楼区", "350102"),
    ("福建省龙岩市", "龙岩市", "龙岩", "新罗区", "350802"),
    ("福建省三明市", "三明市", "三明", "永安市", "350481"),
    # Other provinces (15-21)
    ("广东省深圳市", "深圳市", "深圳", "南山区", "440305"),
    ("上海市", "上海市", "上海", "浦东新区", "310115"),
    ("浙江省杭州市", "杭州市", "杭州", "余杭区", "330110"),
    ("江西省赣州市", "赣州市", "赣州", "章贡区", "360702"),
    ("甘肃省酒泉市", "酒泉市", "酒泉", "玉门市", "620981"),
    ("宁夏回族自治区中卫市", "中卫市", "中卫", "沙坡头区", "640502"),
    ("青海省海南藏族自治州", "海南藏族自治州", "海南州", "共和县", "632521"),
]
_XM = list(range(0, 6))
_FJ = list(range(6, 15))
_CN = [15, 16, 17, 18]
PLACE_GROUPS: dict[str, tuple[list[int], list[float]]] = {}


def _group(parts: list[tuple[list[int], float]]) -> tuple[list[int], list[float]]:
    idx: list[int] = []
    p: list[float] = []
    for members, share in parts:
        idx += members
        p += [share / len(members)] * len(members)
    return idx, p


PLACE_GROUPS["xm"] = _group([(_XM, 1.0)])
PLACE_GROUPS["fj"] = _group([(_XM, 0.75), (_FJ, 0.25)])
PLACE_GROUPS["wide"] = _group([(_XM, 0.65), (_FJ, 0.2), (_CN, 0.15)])
PLACE_GROUPS["coast"] = _group([([8, 9, 10, 11], 1.0)])
PLACE_GROUPS["west"] = _group([([19, 20, 21], 0.6), ([13, 14, 7], 0.4)])
PLACE_GROUPS["heavy"] = _group([([13, 14, 7, 11], 0.8), ([18], 0.2)])

# --------------------------------------------------------------------------
# Name material (fictitious trade names)
# --------------------------------------------------------------------------
ZH_A = list(dict.fromkeys("鹭嘉瑞鑫宏华盛泰恒丰诚信海峰明辉晟翔禾昇璟澜屿榕鼎润安和远航凯骏汇祥益正弘立铭卓越天元金联创博宸煜浩"))
#: second characters, disjoint from ZH_A so that every (first, second) pair is a distinct, non-doubled name
ZH_B = [c for c in dict.fromkeys("源达兴发隆泰顺成昌荣通德宇晖辰邦欣捷锐腾新瀚泽钧泓川佳") if c not in ZH_A]
ZH_GREEN = list("绿碧清蓝青净")
ESTATE_SUFFIX = ["花园", "苑", "府", "湾", "公馆", "华庭", "里", "悦城", "天著", "江山"]
AREAS = ["东部", "西部", "北部", "滨海", "新城", "临港", "科创", "高新", "东湾", "南山"]
SURNAMES = list("陈林黄张李王吴刘蔡杨郑许洪叶庄苏曾谢周徐何卢柯邱傅高江沈颜")
GIVEN = list("明华伟芳娟强军静丽杰婷斌辉鹏燕敏磊涛颖欣宇航琳晨")

#: Legal forms; "（{c}）有限公司" puts the city in brackets after the trade name.
FORMS = ["有限公司", "股份有限公司", "集团有限公司", "有限责任公司", "（{c}）有限公司"]
FORM_P = [0.56, 0.14, 0.1, 0.1, 0.1]


@dataclass(frozen=True)
class Pool:
    """A population of corporate borrowers sharing a business description."""

    words: tuple[str, ...]
    places: str = "fj"
    zh_a: tuple[str, ...] = tuple(ZH_A)
    loans_per_borrower: float = 2.5


POOLS: dict[str, Pool] = {
    "pv": Pool(("新能源科技", "光伏科技", "光伏电力", "能源发展"), "fj"),
    "pv_plant": Pool(("光伏发电", "新能源开发", "太阳能电力"), "west", loans_per_borrower=1.5),
    "wind": Pool(("风力发电", "风电开发", "海上风电"), "coast", loans_per_borrower=1.5),
    "storage": Pool(("储能科技", "综合能源服务", "智慧能源"), "fj"),
    "water": Pool(("水务", "水质净化", "环境工程"), "xm", loans_per_borrower=3),
    "wte": Pool(("环保能源", "再生能源", "固废处置"), "fj", loans_per_borrower=2),
    "re": Pool(("置业", "房地产开发", "地产", "建设发展"), "fj"),
    "bus": Pool(("公交集团", "公共交通", "巴士"), "xm", loans_per_borrower=4),
    "metro": Pool(("轨道交通集团", "轨道建设", "地铁建设"), "xm", loans_per_borrower=4),
    "port": Pool(("港务", "码头", "集装箱码头", "港口物流"), "xm"),
    "battery": Pool(("锂电科技", "电池", "动力电池", "新能源材料"), "fj"),
    "pvm": Pool(("光伏材料", "光电能源", "太阳能科技"), "fj"),
    "emc": Pool(("节能科技", "能源管理", "节能服务"), "xm"),
    "recycle": Pool(("再生资源", "资源循环", "物资回收"), "fj"),
    "solidwaste": Pool(("固废治理", "环境资源", "废物处置"), "fj"),
    "eco": Pool(("生态建设", "园林生态", "海洋生态"), "xm", loans_per_borrower=2),
    "evfleet": Pool(("城市配送", "出租汽车", "新能源运输"), "xm"),
    "coal": Pool(("发电", "电力", "热电"), "heavy", loans_per_borrower=3),
    "cement": Pool(("水泥", "建材", "水泥制品"), "heavy", loans_per_borrower=3),
    "steel": Pool(("钢铁", "特钢", "钢业"), "heavy", loans_per_borrower=3),
    "greenwash": Pool(("环保科技", "绿色能源科技", "生态科技", "清洁技术"), "xm", tuple(ZH_GREEN)),
    "trade_metal": Pool(("供应链管理", "物产", "金属材料", "国际贸易"), "wide", loans_per_borrower=3),
    "trade_coal": Pool(("能源贸易", "燃料", "煤业"), "wide", loans_per_borrower=3),
    "trade_oil": Pool(("石化贸易", "石油化工", "油品"), "wide", loans_per_borrower=3),
    "trade_other": Pool(("贸易", "进出口", "商贸", "实业"), "wide"),
    "mfg_elec": Pool(("电子科技", "光电科技", "电子材料", "微电子"), "fj"),
    "mfg_sanitary": Pool(("卫浴", "厨卫科技", "陶瓷", "水暖器材"), "fj"),
    "mfg_stone": Pool(("石材", "石业", "石材工艺"), "fj"),
    "mfg_plastic": Pool(("塑胶制品", "塑料科技", "日用制品"), "fj"),
    "mfg_tungsten": Pool(("钨业", "钼业", "稀有金属"), "fj", loans_per_borrower=3),
    "mfg_mach": Pool(("机电", "重工", "机械设备", "电梯"), "fj"),
    "catering": Pool(("餐饮管理", "餐饮", "食品连锁"), "xm"),
    "hotel": Pool(("酒店管理", "酒店", "大酒店"), "xm"),
    "software": Pool(("软件", "信息技术", "网络科技", "数字科技"), "xm"),
    "construction": Pool(("市政工程", "路桥建设", "城建"), "xm"),
    "aviation": Pool(("航空",), "xm", loans_per_borrower=6),
    "shipping": Pool(("海运", "船务", "航运"), "xm"),
    "logistics": Pool(("物流", "运输", "货运"), "fj"),
    "datacenter": Pool(("云计算", "数据科技"), "xm"),
}

# --------------------------------------------------------------------------
# Segments
# --------------------------------------------------------------------------
RATES = {
    "green": (2.8, 4.5),
    "corp": (3.3, 6.0),
    "brown": (3.5, 6.2),
    "mortgage": (3.0, 5.6),
    "personal": (3.5, 7.5),
}


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    weight: float  # relative share by loan count
    pool: str | None  # None = personal borrowers
    industry: dict[str, float]  # GB/T 4754-2017 class -> probability
    purposes: tuple[str, ...]
    projects: tuple[str, ...] = ()
    project_p: float = 1.0  # share of loans with a project name
    green: str | None = None  # 2021 bond-catalogue level-4 code the bank declares for the segment
    declare_p: float = 0.85  # share the bank reports as green
    eligible: bool = True  # False: the declared code does not fit the activity (greenwashing)
    amount: tuple[float, float, float, float] = (3000, 1.0, 500, 50000)  # median, sigma, lo, hi (万元)
    rate: str = "corp"
    project_loan: bool = False  # 项目总投资 applies
    tech: str | None = None
    opts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    usd_p: float = 0.0
    goods: dict[str, tuple[str, ...]] = field(default_factory=dict)  # industry class -> {goods} options
    share: tuple[float, float] = (0.5, 0.8)  # loan / project cost, where cost follows capacity


def _ind(*pairs: tuple[str, float]) -> dict[str, float]:
    return dict(pairs)


SEGMENTS: list[Segment] = [
    # ---------------- green segments ----------------
    Segment("pv_distributed", "分布式光伏", 3.0, "pv", _ind(("4416", 1)),
            ("用于{co}{loc_s}{cap}MW分布式光伏发电项目建设", "用于{proj}建设", "支付{proj}设备及工程款",
             "置换{proj}前期投入资金", "{proj}贷款"),
            ("{zh}{dist}{cap}MW分布式光伏发电项目", "{loc_s}{area}{site}屋顶分布式光伏项目（{cap}MW）",
             "{area}{site}{cap}MWp分布式光伏电站"),
            green="3.2.2.2", amount=(1200, 0.8, 100, 20000), rate="green", project_loan=True, tech="pv_dist",
            opts={"site": ("产业园", "物流园", "厂房", "冷链仓库", "商业综合体", "工业园区")}),
    Segment("pv_plant", "集中式光伏电站", 0.6, "pv_plant", _ind(("4416", 1)),
            ("用于{proj}建设", "支付{proj}EPC工程款", "{proj}固定资产贷款"),
            ("{loc_s}{cap}MW集中式光伏电站项目", "{loc_s}{cap}MW农光互补光伏发电项目", "{loc_s}{cap}MW渔光互补光伏电站"),
            green="3.2.2.2", amount=(15000, 0.6, 3000, 50000), rate="green", project_loan=True, tech="pv_plant",
            share=(0.3, 0.8)),
    Segment("wind_onshore", "陆上风电场", 0.5, "wind", _ind(("4415", 1)),
            ("用于{proj}建设", "采购{nt}台{unit}MW风力发电机组", "{proj}固定资产贷款"),
            ("{loc_s}{cap}MW风电场项目", "{loc_s}{area}风电场（{cap}MW）"),
            green="3.2.2.1", amount=(20000, 0.5, 5000, 50000), rate="green", project_loan=True, tech="wind_on",
            share=(0.3, 0.8)),
    Segment("wind_offshore", "海上风电", 0.3, "wind", _ind(("4415", 1)),
            ("用于{proj}建设，安装{nt}台{unit}MW海上风电机组", "支付{proj}风机及海缆采购款", "{proj}贷款"),
            ("{loc_s}海上风电场项目（{cap}MW）", "{loc_s}{area}海上风电项目"),
            green="3.2.2.1", amount=(40000, 0.5, 10000, 120000), rate="green", project_loan=True, tech="wind_off",
            share=(0.05, 0.25)),
    Segment("storage", "储能电站", 0.6, "storage", _ind(("4419", 0.8), ("4420", 0.2)),
            ("用于{proj}建设", "采购磷酸铁锂储能系统用于{proj}", "{proj}固定资产贷款"),
            ("{loc_s}{cap}MW/{mwh}MWh电化学储能电站", "{area}{site}储能电站项目", "{loc_s}独立共享储能电站（{cap}MW/{mwh}MWh）"),
            green="3.2.3.2", amount=(6000, 0.8, 500, 50000), rate="green", project_loan=True, tech="storage",
            opts={"site": ("产业园", "变电站", "工业园区", "港区")}),
    Segment("wastewater", "污水处理厂提标改造", 0.8, "water", _ind(("4620", 1)),
            ("用于{proj}", "{plant}提标改造工程", "支付{proj}工程款", "{plant}运营流动资金"),
            ("{city}{plant}提标改造工程", "{city}{plant}扩建及提标改造项目（{ton}万吨/日）"),
            green="5.3.1.1", amount=(8000, 0.7, 1000, 50000), rate="green", project_loan=True, tech="wastewater"),
    Segment("waste_to_energy", "生活垃圾焚烧发电", 0.4, "wte", _ind(("4417", 0.7), ("7820", 0.3)),
            ("用于{proj}建设", "采购垃圾焚烧炉及余热锅炉设备（{proj}）", "{proj}贷款"),
            ("{loc_s}生活垃圾焚烧发电厂项目（日处理{tpd}吨）", "{loc_s}垃圾焚烧发电厂二期扩建工程"),
            green="5.3.1.2", amount=(15000, 0.6, 3000, 50000), rate="green", project_loan=True, tech="wte"),
    Segment("green_building", "绿色建筑", 2.5, "re", _ind(("7010", 0.6), ("4710", 0.25), ("4790", 0.15)),
            ("用于{estate}项目开发建设（绿色建筑{star}）", "{estate}项目开发贷款",
             "用于{loc_s}{estate}绿色建筑项目建设，总建筑面积{m2}万平方米"),
            ("{loc_s}{estate}项目", "{estate}二期"),
            green="5.2.1.2", amount=(20000, 0.7, 2000, 50000), rate="green", project_loan=True, tech="building"),
    Segment("ev_bus", "新能源公交车购置", 0.8, "bus", _ind(("5411", 1)),
            ("购置{nveh}辆{vt}公交车", "用于{city}公交车辆更新，购置{vt}公交车{nveh}辆"),
            ("{yr}年度新能源公交车更新项目",), project_p=0.5,
            green="5.5.1.5", amount=(5000, 0.6, 500, 30000), rate="green", tech="ev_bus"),
    Segment("charging", "充电桩/充电站", 0.6, "bus", _ind(("5411", 0.7), ("4420", 0.3)),
            ("用于{loc_s}{npile}个充电桩建设", "建设{area}公交充电站（{npile}个充电终端）", "{proj}建设"),
            ("{loc_s}{area}新能源汽车充电站项目",), project_p=0.6,
            green="5.5.4.1", amount=(1500, 0.7, 200, 20000), rate="green", project_loan=True, tech="charging"),
    Segment("metro", "城市轨道交通", 0.4, "metro", _ind(("5412", 0.7), ("4814", 0.3)),
            ("用于{proj}建设", "支付{proj}土建及机电工程款", "{proj}贷款"),
            ("{city}轨道交通{line}号线工程", "{city}轨道交通{line}号线{phase}期工程"),
            green="5.5.1.5", amount=(50000, 0.5, 10000, 120000), rate="green", project_loan=True, tech="metro"),
    Segment("shore_power", "港口岸电", 0.3, "port", _ind(("5532", 1)),
            ("用于{proj}，新建{nb}个泊位岸电设施", "港口岸电设施建设（{proj}）"),
            ("{area}港区码头岸电改造工程",),
            green="5.5.3.1", amount=(2000, 0.6, 300, 20000), rate="green", project_loan=True, tech="shore"),
    Segment("battery_mfg", "锂电池/动力电池制造", 1.5, "battery", _ind(("3841", 1)),
            ("用于{proj}建设", "采购锂电池生产设备（{proj}）", "补充锂离子电池生产经营流动资金"),
            ("年产{gwh}GWh动力电池生产基地项目", "年产{gwh}GWh储能锂电池项目"), project_p=0.7,
            green="1.6.1.1", amount=(10000, 0.9, 1000, 50000), rate="green", project_loan=True, tech="battery"),
    Segment("pv_mfg", "光伏组件制造", 0.4, "pvm", _ind(("3825", 1)),
            ("用于{proj}建设", "采购光伏组件生产线设备"),
            ("年产{gw}GW高效光伏组件项目",), project_p=0.7,
            green="3.2.1.2", amount=(10000, 0.8, 1000, 50000), rate="green", project_loan=True, tech="pvm"),
    Segment("emc", "合同能源管理", 0.8, "emc", _ind(("7514", 1)),
            ("用于{client}合同能源管理项目，实施{measure}", "支付{client}节能改造项目设备款", "{proj}"),
            ("{client}{measure}合同能源管理项目",),
            green="6.2.1.2", amount=(800, 0.8, 100, 10000), rate="green", project_loan=True, tech="emc",
            opts={"measure": ("LED照明改造", "中央空调系统节能改造", "空压机系统节能改造", "电机系统变频改造", "余热回收改造"),
                  "bldg": ("医院", "酒店", "商业综合体", "工业园区", "数据中心", "学校")}),
    Segment("boiler_retrofit", "锅炉节能改造", 0.6, "mfg_sanitary", _ind(("3352", 0.5), ("3072", 0.5)),
            ("实施燃煤锅炉清洁能源替代改造，新建{nb}台{tph}t/h燃气锅炉", "用于{proj}", "锅炉节能改造项目"),
            ("{zh}锅炉节能改造项目",), project_p=0.6,
            green="1.1.2.1", amount=(800, 0.7, 100, 8000), rate="green", project_loan=True, tech="boiler"),
    Segment("waste_heat", "余热发电", 0.4, "cement", _ind(("3011", 0.6), ("3120", 0.2), ("3130", 0.2)),
            ("用于{cap}MW余热发电项目建设", "实施{line}余热发电改造（{cap}MW）", "{proj}"),
            ("{loc_s}{cap}MW余热发电项目",), project_p=0.7,
            green="1.1.2.3", amount=(3000, 0.6, 500, 20000), rate="green", project_loan=True, tech="waste_heat",
            opts={"line": ("熟料生产线", "转炉", "烧结机", "加热炉")}),
    Segment("recycling", "废旧资源再生利用", 0.5, "recycle", _ind(("4210", 0.6), ("4220", 0.4)),
            ("用于{proj}建设", "补充废旧物资回收经营流动资金", "{proj}设备购置"),
            ("年处理{kt}万吨{waste}回收利用项目", "{loc_s}报废汽车拆解及资源化利用项目"), project_p=0.7,
            green="1.5.2.2", amount=(2000, 0.8, 200, 20000), rate="green", project_loan=True, tech="recycle",
            opts={"waste": ("废旧金属", "废塑料", "废旧电器电子产品", "废纸")}),
    Segment("industrial_solid_waste", "工业固废综合利用", 0.3, "solidwaste", _ind(("7723", 1)),
            ("用于{proj}建设", "{proj}运营流动资金"),
            ("{loc_s}工业固废综合利用处置中心项目", "年处理{kt}万吨工业固废资源化项目"),
            green="2.3.1.1", amount=(3000, 0.7, 500, 30000), rate="green", project_loan=True, tech="recycle"),
    Segment("coastal_restoration", "海岸带生态修复", 0.4, "eco", _ind(("4863", 0.6), ("7711", 0.4)),
            ("用于{proj}", "支付{proj}工程款"),
            ("{dist}{area}海岸带生态修复工程", "{loc_s}岸线整治及红树林生态修复项目"),
            green="4.2.1.14", amount=(8000, 0.7, 1000, 50000), rate="green", project_loan=True, tech="eco"),
    Segment("urban_river", "城市水体生态修复", 0.3, "eco", _ind(("7721", 0.6), ("4822", 0.4)),
            ("用于{proj}", "支付{proj}工程款"),
            ("{dist}{area}溪流域水环境综合治理及生态修复工程",),
            green="5.4.2.5", amount=(8000, 0.7, 1000, 50000), rate="green", project_loan=True, tech="eco"),
    Segment("ev_fleet", "新能源物流车/出租车购置", 0.5, "evfleet", _ind(("5437", 0.6), ("5413", 0.4)),
            ("购置{nveh}辆{vt}物流车", "购置{nveh}辆{vt}出租车", "车辆购置贷款（{vt}，{nveh}辆）"), (),
            green="1.6.1.1", amount=(800, 0.7, 100, 8000), rate="green", tech="ev_fleet"),
    Segment("nev_personal", "个人新能源汽车消费贷款", 1.0, None, {},
            ("购买新能源汽车一辆（{vt}）", "个人汽车消费贷款（{vt}）"), (),
            green="1.6.1.1", declare_p=0.7, amount=(12, 0.4, 5, 40), rate="personal", tech="ev_personal"),
    # ---------------- ordinary and high-carbon segments ----------------
    Segment("mortgage", "个人住房按揭", 22.0, None, {},
            ("购买{loc_s}{estate}{bld}号楼{room}室住房", "个人住房贷款（首套）", "个人住房贷款（二套）", "购买自住住房"),
            ("{estate}",), project_p=0.4, amount=(150, 0.4, 50, 300), rate="mortgage", tech="mortgage"),
    Segment("personal_business", "个人经营贷款", 5.0, None,
            _ind(("5292", 0.3), ("6210", 0.3), ("5124", 0.2), ("5127", 0.2)),
            ("个人经营性贷款，用于{goods}经营周转", "个体工商户经营周转"), (),
            amount=(80, 0.6, 10, 500), rate="personal",
            goods={"5292": ("网店",), "6210": ("餐饮门店",), "5124": ("水产品批发",), "5127": ("茶叶",)}),
    Segment("consumer", "个人消费贷款", 3.0, None, {},
            ("个人消费贷款（装修）", "个人消费贷款（教育）", "个人综合消费贷款"), (),
            amount=(20, 0.5, 3, 100), rate="personal"),
    Segment("real_estate", "房地产开发", 4.0, "re", _ind(("7010", 0.85), ("4710", 0.15)),
            ("用于{loc_s}{estate}项目开发建设", "{estate}房地产开发贷款", "用于支付{estate}项目工程款", "补充日常经营流动资金"),
            ("{loc_s}{estate}项目", "{estate}"), project_p=0.8,
            amount=(15000, 0.8, 1000, 50000), rate="corp", project_loan=True),
    Segment("coal_power", "燃煤发电", 0.4, "coal", _ind(("4411", 1)),
            ("用于{proj}建设", "补充燃煤采购流动资金", "用于{proj}超低排放改造"),
            ("{loc_s}{units}×{unitmw}MW燃煤发电机组项目",), project_p=0.7,
            amount=(30000, 0.5, 5000, 50000), rate="brown", project_loan=True, tech="coal"),
    Segment("chp", "燃煤热电联产", 0.3, "coal", _ind(("4412", 1)),
            ("热电联产机组技术改造", "补充流动资金（燃煤采购）", "用于{proj}建设"),
            ("{loc_s}热电联产项目",), project_p=0.5,
            amount=(10000, 0.6, 2000, 50000), rate="brown", project_loan=True),
    Segment("cement", "水泥熟料生产", 0.5, "cement", _ind(("3011", 1)),
            ("补充日常经营流动资金", "用于{loc_s}{tpd}t/d新型干法水泥熟料生产线技术改造", "购买煤炭及原材料"), (),
            amount=(5000, 0.6, 500, 30000), rate="brown", tech="cement"),
    Segment("steel", "钢铁冶炼及压延", 0.7, "steel", _ind(("3120", 0.6), ("3130", 0.4)),
            ("补充流动资金（采购铁矿石、废钢）", "用于{proj}", "补充日常经营流动资金"),
            ("年产{mt}万吨钢材项目",), project_p=0.3,
            amount=(8000, 0.7, 1000, 50000), rate="brown", project_loan=True, tech="steel"),
    Segment("greenwash_boiler", "绿色名称、高碳用途（燃煤锅炉）", 0.3, "greenwash", _ind(("7516", 0.5), ("4430", 0.5)),
            ("购置{nb}台{tph}t/h燃煤锅炉用于生产供热", "建设燃煤热风炉及配套设施", "采购燃油发电机组"), (),
            green="1.1.2.1", declare_p=0.6, eligible=False, amount=(600, 0.6, 100, 5000), rate="corp",
            tech="greenwash"),
    Segment("trade_metal", "金属贸易流动资金", 6.0, "trade_metal", _ind(("5164", 1)),
            ("补充日常经营流动资金", "用于采购{goods}", "支付{goods}进口货款", "国内信用证项下采购{goods}"), (),
            amount=(3000, 0.9, 500, 50000), usd_p=0.06, opts={"goods": ("钢材", "铜材", "铝锭", "镍", "铁矿石")}),
    Segment("trade_coal", "煤炭贸易", 1.5, "trade_coal", _ind(("5161", 1)),
            ("支付进口煤炭货款", "补充煤炭贸易流动资金", "采购动力煤"), (),
            amount=(3000, 0.8, 500, 50000), rate="brown", usd_p=0.06),
    Segment("trade_oil", "成品油贸易", 1.0, "trade_oil", _ind(("5162", 1)),
            ("采购成品油", "补充日常经营流动资金"), (),
            amount=(3000, 0.8, 500, 50000), rate="brown", usd_p=0.04),
    Segment("trade_other", "其他批发贸易", 5.0, "trade_other",
            _ind(("5131", 0.3), ("5124", 0.3), ("5127", 0.2), ("5132", 0.2)),
            ("补充日常经营流动资金", "支付{goods}采购款", "用于{goods}贸易周转"), (),
            amount=(1000, 0.8, 500, 20000), usd_p=0.03,
            goods={"5131": ("纺织原料", "化纤面料"), "5124": ("冻品水产", "水产品"), "5127": ("茶叶",),
                   "5132": ("服装",)}),
    Segment("mfg_electronics", "电子制造流动资金", 5.0, "mfg_elec", _ind(("3982", 0.4), ("3976", 0.3), ("3985", 0.3)),
            ("补充日常经营流动资金", "采购原材料", "购置生产设备", "用于{proj}"),
            ("{zh}{area}智能制造基地项目",), project_p=0.2, amount=(2000, 0.9, 500, 50000), project_loan=True),
    Segment("mfg_sanitary", "水暖卫浴制造流动资金", 3.0, "mfg_sanitary", _ind(("3352", 0.7), ("3072", 0.3)),
            ("补充日常经营流动资金", "采购铜材等原材料", "购置生产设备"), (), amount=(1500, 0.8, 500, 20000)),
    Segment("mfg_stone", "石材加工", 1.5, "mfg_stone", _ind(("3032", 1)),
            ("补充日常经营流动资金", "进口荒料采购"), (), amount=(1000, 0.7, 500, 10000), usd_p=0.05),
    Segment("mfg_plastic", "塑料制品制造", 1.5, "mfg_plastic", _ind(("2927", 1)),
            ("补充日常经营流动资金", "采购塑料粒子"), (), amount=(1000, 0.7, 500, 10000)),
    Segment("mfg_tungsten", "钨钼冶炼", 0.8, "mfg_tungsten", _ind(("3231", 1)),
            ("补充日常经营流动资金", "采购钨精矿"), (), amount=(5000, 0.7, 500, 50000), rate="brown"),
    Segment("mfg_machinery", "机械设备制造", 1.5, "mfg_mach", _ind(("3435", 0.5), ("3411", 0.5)),
            ("补充日常经营流动资金", "购置生产设备"), (), amount=(2000, 0.8, 500, 30000)),
    Segment("catering", "餐饮", 2.5, "catering", _ind(("6210", 0.6), ("6220", 0.4)),
            ("补充日常经营流动资金", "门店装修及设备购置"), (), amount=(600, 0.6, 500, 5000)),
    Segment("hotel", "酒店", 1.2, "hotel", _ind(("6110", 1)),
            ("酒店装修改造", "补充日常经营流动资金"), (), amount=(3000, 0.8, 500, 30000)),
    Segment("software", "软件和信息技术服务", 2.0, "software", _ind(("6513", 0.6), ("6531", 0.4)),
            ("补充日常经营流动资金", "研发投入资金需求"), (), amount=(800, 0.7, 500, 10000)),
    Segment("construction", "市政道路工程", 2.0, "construction", _ind(("4813", 0.7), ("4812", 0.3)),
            ("用于{proj}", "支付{proj}工程款", "补充日常经营流动资金"),
            ("{dist}{area}片区市政道路工程", "{loc_s}{area}大道改扩建工程"), project_p=0.7,
            amount=(5000, 0.8, 500, 50000), project_loan=True),
    Segment("aviation", "航空运输", 0.2, "aviation", _ind(("5611", 1)),
            ("购买航油", "支付飞机购置预付款", "补充日常经营流动资金"), (),
            amount=(30000, 0.5, 5000, 50000), rate="brown", usd_p=0.3),
    Segment("shipping", "水上货物运输", 0.5, "shipping", _ind(("5521", 0.6), ("5522", 0.4)),
            ("购置{dwt}万吨级散货船", "补充日常经营流动资金", "支付船舶燃油款"), (),
            amount=(8000, 0.7, 1000, 50000), rate="brown", usd_p=0.3, tech="shipping"),
    Segment("port_logistics", "港口物流", 2.5, "port", _ind(("5532", 0.5), ("5920", 0.3), ("5821", 0.2)),
            ("补充日常经营流动资金", "支付港口装卸设备采购款", "用于{area}港区堆场扩建"), (),
            amount=(3000, 0.8, 500, 50000), usd_p=0.02),
    Segment("diesel_trucks", "燃油货车购置", 0.7, "logistics", _ind(("5431", 1)),
            ("购置{nveh}辆{vt}重型货车", "车辆购置贷款（{vt}货车{nveh}辆）"), (),
            amount=(600, 0.6, 100, 5000), rate="corp", tech="diesel_trucks"),
    Segment("data_center", "数据中心", 0.3, "datacenter", _ind(("6450", 1)),
            ("用于{proj}建设", "采购服务器及制冷设备"),
            ("{loc_s}{area}数据中心项目",), project_p=0.7,
            amount=(10000, 0.7, 1000, 50000), project_loan=True),
]
SEGMENT_INDEX = {s.key: i for i, s in enumerate(SEGMENTS)}

#: GB/T 4754-2017 division -> section letter.
_SECTIONS = [
    ("A", 1, 5), ("B", 6, 12), ("C", 13, 43), ("D", 44, 46), ("E", 47, 50), ("F", 51, 52),
    ("G", 53, 60), ("H", 61, 62), ("I", 63, 65), ("J", 66, 69), ("K", 70, 70), ("L", 71, 72),
    ("M", 73, 75), ("N", 76, 79), ("O", 80, 82), ("P", 83, 83), ("Q", 84, 85), ("R", 86, 90),
    ("S", 91, 96), ("T", 97, 97),
]


def section_of(code: str) -> str:
    """GB/T 4754-2017 section letter of a 2- to 4-digit code."""
    division = int(code[:2])
    for letter, lo, hi in _SECTIONS:
        if lo <= division <= hi:
            return letter
    raise ValueError(f"no GB/T 4754 section for {code!r}")


# --------------------------------------------------------------------------
# Planted problems: fixed positions (0-based row index), repeating every
# PLANT_PERIOD rows, so a book of 500+ rows has every kind at least once.
# --------------------------------------------------------------------------
PLANT_PERIOD = 1000
PLANT_FIRST = 17
PLANT_STEP = 37


@dataclass(frozen=True)
class Planted:
    kind: str
    column: str
    description: str
    segment: str | None = None  # segment forced at the row
    partner_offset: int = 0  # >0: an earlier row this one refers to
    partner_segment: str | None = None


PLANTED: list[Planted] = [
    Planted("duplicate_id", C_ID, "贷款编号 repeats the id of an earlier row", partner_offset=7),
    Planted("bad_check_digit", C_USCC, "统一社会信用代码 with a wrong 18th (check) character", "trade_metal"),
    Planted("negative_amount", C_AMOUNT, "negative 贷款余额", "mfg_electronics"),
    Planted("non_numeric_amount", C_AMOUNT, "贷款余额 written in words (一千万)", "trade_other"),
    Planted("unknown_industry", C_IND, "行业代码 9999 (not a GB/T 4754-2017 class)", "catering"),
    Planted("empty_borrower", C_NAME, "借款人名称 empty (credit code present)", "software"),
    Planted("formula_name", C_NAME, "借款人名称 is a spreadsheet formula", "trade_other"),
    Planted("html_name", C_NAME, "借款人名称 contains an HTML script tag", "mfg_plastic"),
    Planted("same_project_twice", C_PROJECT,
            "same borrower and 项目名称 as an earlier row: one project financed by two loans",
            "pv_distributed", partner_offset=3, partner_segment="pv_distributed"),
    Planted("misdeclared_real_estate", C_GREEN, "ordinary 房地产开发 loan declared green (5.2.1.2) without any star rating",
            "real_estate"),
    Planted("misdeclared_working_capital", C_GREEN, "补充日常经营流动资金 of a trading firm declared green (3.2.2.2)",
            "trade_metal"),
    Planted("pv_declared_as_wind", C_GREEN, "solar PV loan declared under the wind code 3.2.2.1", "pv_distributed"),
    Planted("greenwash_name", C_PURPOSE, "green-sounding borrower, coal-boiler purpose, declared green (1.1.2.1)",
            "greenwash_boiler"),
]


def planted_rows(n: int) -> pd.DataFrame:
    """Where ``generate_loan_book(n, problems=True)`` plants its defects.

    Columns: ``kind``, ``row`` (0-based DataFrame index), ``sheet_row``
    (spreadsheet row: header is row 1, first data row is row 2), ``column``,
    ``partner_row`` (0-based index of the earlier row a duplicate refers to,
    or -1), ``description``.
    """
    k = len(PLANTED)
    bases = np.arange(0, max(n, 0), PLANT_PERIOD, dtype=np.int64)
    rows = (bases[:, None] + PLANT_FIRST + PLANT_STEP * np.arange(k)[None, :]).ravel()
    which = np.tile(np.arange(k), len(bases))
    keep = rows < n
    rows, which = rows[keep], which[keep]
    offset = np.array([p.partner_offset for p in PLANTED], dtype=np.int64)[which]
    pick = lambda attr: np.array([getattr(p, attr) for p in PLANTED], dtype=object)[which]  # noqa: E731
    return pd.DataFrame({
        "kind": pick("kind"), "row": rows, "sheet_row": rows + 2, "column": pick("column"),
        "partner_row": np.where(offset > 0, rows - offset, -1), "description": pick("description"),
    })


# --------------------------------------------------------------------------
# Vectorised helpers
# --------------------------------------------------------------------------
_FORMATTER = string.Formatter()


@cache
def _parse(template: str) -> tuple[tuple[str, str | None], ...]:
    return tuple((lit, name) for lit, name, _spec, _conv in _FORMATTER.parse(template))


def _render(template: str, fields: dict[str, np.ndarray], sel: np.ndarray) -> np.ndarray:
    """Fill ``template`` for the rows ``sel`` of the field arrays (object dtype)."""
    out: object = ""
    for lit, name in _parse(template):
        if lit:
            out = out + lit  # type: ignore[operator]
        if name is not None:
            out = out + fields[name][sel]  # type: ignore[operator]
    if isinstance(out, str):
        return np.full(len(sel), out, dtype=object)
    return out  # type: ignore[return-value]


def _pick(rng: np.random.Generator, options, m: int, p=None) -> np.ndarray:
    arr = np.asarray(options, dtype=object)
    return arr[rng.choice(len(arr), size=m, p=p)]


def _num(x: np.ndarray, decimals: int) -> np.ndarray:
    """Numbers as strings (object array): integers plain, else rounded."""
    if decimals == 0:
        return np.rint(x).astype(np.int64).astype(str).astype(object)
    return np.round(x, decimals).astype(str).astype(object)


_CENTS = np.array([f".{c:02d}" for c in range(100)], dtype=object)


def _money(x: np.ndarray) -> np.ndarray:
    """Non-negative amounts as strings with exactly two decimals ("1299.50")."""
    cents = np.rint(np.asarray(x, dtype=float) * 100).astype(np.int64)
    whole, frac = np.divmod(cents, 100)
    return whole.astype(str).astype(object) + _CENTS[frac]


def _digits(values: np.ndarray, width: int) -> np.ndarray:
    """Zero-padded decimal digits of non-negative ints as a (len, width) uint8 matrix."""
    v = np.asarray(values, dtype=np.int64)[:, None]
    return ((v // 10 ** np.arange(width - 1, -1, -1)) % 10 + ord("0")).astype(np.uint8)


def _blank_unless(rng: np.random.Generator, values: np.ndarray, p_present: float) -> np.ndarray:
    keep = rng.random(len(values)) < p_present
    return np.where(keep, values, "").astype(object)


def _lognormal(rng: np.random.Generator, m: int, median: float, sigma: float, lo: float, hi: float) -> np.ndarray:
    """lo + lognormal (median ``median``), folded back below ``hi``: no mass piles up at a bound."""
    x = lo + np.exp(np.log(max(median - lo, 1e-9)) + sigma * rng.standard_normal(m))
    return np.where(x > hi, hi - (x - hi) % (hi - lo), x)


_ALPHA_VALUE = np.full(256, -1, dtype=np.int64)
for _i, _c in enumerate(USCC_ALPHABET):
    _ALPHA_VALUE[ord(_c)] = _i
_ALPHA_BYTES = np.frombuffer(USCC_ALPHABET.encode("ascii"), dtype=np.uint8)
_ORG_WEIGHTS = np.array([3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)


def credit_codes(region6: np.ndarray, serial: np.ndarray) -> np.ndarray:
    """Well-formed 统一社会信用代码 for enterprises (登记管理部门 9, 类别 1).

    ``region6``: 6-digit admin codes (str array); ``serial``: ints < 10**8
    giving the organisation-code body. Positions 9-17 carry the organisation
    code with its GB 11714 check character, position 18 the GB 32100 check
    character (same algorithm as ``greenkit.ids.uscc_check_char``).
    """
    m = len(serial)
    chars = np.empty((m, 18), dtype=np.uint8)
    chars[:, 0] = ord("9")
    chars[:, 1] = ord("1")
    region = np.asarray(region6).astype("S6").view(np.uint8).reshape(m, 6)
    chars[:, 2:8] = region
    digits = (np.asarray(serial, dtype=np.int64)[:, None] // 10 ** np.arange(7, -1, -1)) % 10
    chars[:, 8:16] = digits + ord("0")
    org = 11 - (digits * _ORG_WEIGHTS).sum(axis=1) % 11
    chars[:, 16] = np.where(org == 10, ord("X"), np.where(org == 11, ord("0"), org + ord("0")))
    body = _ALPHA_VALUE[chars[:, :17]]
    check = (31 - (body * USCC_WEIGHTS).sum(axis=1) % 31) % 31
    chars[:, 17] = _ALPHA_BYTES[check]
    return chars.view("S18").ravel().astype("U18").astype(object)


# --------------------------------------------------------------------------
# Technical attributes and template fields per segment kind
# --------------------------------------------------------------------------
def _tech(kind: str | None, rng: np.random.Generator, m: int) -> tuple[dict, dict]:
    """Return (template fields, technical columns) for ``m`` loans."""
    f: dict[str, np.ndarray] = {}
    c: dict[str, np.ndarray] = {}
    if kind is None:
        return f, c
    if kind in ("pv_dist", "pv_plant"):
        if kind == "pv_dist":
            cap = np.round(_lognormal(rng, m, 5.0, 0.9, 0.5, 30.0), 2)
        else:
            cap = np.rint(rng.uniform(20, 200, m))
        hours = rng.uniform(1000, 1300, m)
        f["_invest"] = cap * rng.uniform(300, 450, m)  # 万元/MW, illustrative
        f["cap"] = _num(cap, 2 if kind == "pv_dist" else 0)
        c[C_CAP] = _blank_unless(rng, f["cap"], 0.75)
        c[C_GEN] = np.where(c[C_CAP] != "", _blank_unless(rng, _num(cap * hours / 10, 1), 0.7), "").astype(object)
    elif kind in ("wind_on", "wind_off"):
        units = np.array([3.6, 4.5, 5.0, 6.25]) if kind == "wind_on" else np.array([8.0, 10.0, 13.0, 16.0])
        unit = units[rng.integers(len(units), size=m)]
        nt = rng.integers(8, 41, m) if kind == "wind_on" else rng.integers(15, 41, m)
        cap = np.round(unit * nt, 1)
        hours = rng.uniform(2000, 3000, m)
        f["_invest"] = cap * (rng.uniform(500, 700, m) if kind == "wind_on" else rng.uniform(1200, 1800, m))
        f["nt"] = _num(nt, 0)
        f["unit"] = np.round(unit, 2).astype(str).astype(object)
        f["cap"] = _num(cap, 1)
        c[C_CAP] = _blank_unless(rng, f["cap"], 0.75)
        c[C_GEN] = np.where(c[C_CAP] != "", _blank_unless(rng, _num(cap * hours / 10, 1), 0.6), "").astype(object)
    elif kind == "storage":
        cap = np.rint(_lognormal(rng, m, 30, 0.8, 5, 200))
        f["cap"] = _num(cap, 0)
        mwh = cap * rng.choice([1, 2, 4], m)
        f["mwh"] = _num(mwh, 0)
        f["_invest"] = mwh * rng.uniform(100, 180, m)  # 万元/MWh, illustrative
        c[C_CAP] = _blank_unless(rng, f["cap"], 0.7)
    elif kind == "wastewater":
        f["ton"] = _num(rng.integers(2, 31, m), 0)
        f["plant"] = _pick(rng, AREAS, m) + _pick(rng, ["污水处理厂", "水质净化厂", "再生水厂"], m)
    elif kind == "wte":
        f["tpd"] = _num(rng.choice([500, 750, 1000, 1500, 2250, 3000], m), 0)
        c[C_CAP] = _blank_unless(rng, _num(rng.choice([12, 15, 25, 30, 40, 60], m), 0), 0.5)
    elif kind == "building":
        star = rng.choice(4, size=m, p=[0.1, 0.35, 0.4, 0.15])
        text = np.array(["基本级", "一星级", "二星级", "三星级"], dtype=object)[star]
        digit = np.array(["基本级", "1", "2", "3"], dtype=object)[star]
        style = rng.random(m)
        f["star"] = text
        f["m2"] = _num(rng.uniform(2, 40, m), 1)
        c[C_STAR] = np.where(style < 0.25, "", np.where(style < 0.4, digit, text)).astype(object)
    elif kind in ("ev_bus", "ev_fleet", "ev_personal", "diesel_trucks"):
        if kind == "ev_bus":
            vt = _pick(rng, ["纯电动", "插电式混合动力", "燃料电池"], m, [0.85, 0.05, 0.10])
            n = rng.integers(20, 301, m)
        elif kind == "ev_fleet":
            vt = _pick(rng, ["纯电动", "燃料电池"], m, [0.92, 0.08])
            n = rng.integers(10, 201, m)
        elif kind == "ev_personal":
            vt = _pick(rng, ["纯电动", "插电式混合动力"], m, [0.75, 0.25])
            n = np.ones(m, dtype=np.int64)
        else:
            vt = _pick(rng, ["柴油"], m)
            n = rng.integers(10, 101, m)
        f["vt"] = vt
        f["nveh"] = _num(n, 0)
        c[C_VEHICLE] = _blank_unless(rng, vt, 0.85)
    elif kind == "charging":
        f["npile"] = _num(rng.integers(20, 2001, m), 0)
    elif kind == "metro":
        f["line"] = _num(rng.integers(1, 9, m), 0)
        f["phase"] = _pick(rng, ["一", "二"], m)
    elif kind == "shore":
        f["nb"] = _num(rng.integers(2, 13, m), 0)
    elif kind == "battery":
        f["gwh"] = _num(rng.integers(1, 21, m), 0)
    elif kind == "pvm":
        f["gw"] = _num(rng.integers(1, 11, m), 0)
    elif kind == "emc":
        c[C_EFF] = _blank_unless(rng, _pick(rng, ["1级", "2级", "1", "一级"], m, [0.5, 0.2, 0.2, 0.1]), 0.5)
        c[C_SAVING] = _blank_unless(rng, _num(_lognormal(rng, m, 1500, 0.9, 200, 20000), 0), 0.6)
    elif kind == "boiler":
        f["nb"] = _num(rng.integers(1, 5, m), 0)
        f["tph"] = _num(rng.choice([4, 6, 10, 15, 20, 35], m), 0)
        c[C_EFF] = _blank_unless(rng, _pick(rng, ["1级", "2级", "3级", "2"], m, [0.4, 0.35, 0.1, 0.15]), 0.6)
        c[C_SAVING] = _blank_unless(rng, _num(_lognormal(rng, m, 3000, 0.8, 500, 30000), 0), 0.6)
    elif kind == "waste_heat":
        cap = np.rint(rng.uniform(3, 30, m))
        f["cap"] = _num(cap, 0)
        c[C_CAP] = _blank_unless(rng, f["cap"], 0.6)
        c[C_SAVING] = _blank_unless(rng, _num(rng.uniform(5000, 60000, m), 0), 0.6)
    elif kind == "recycle":
        f["kt"] = _num(rng.integers(1, 51, m), 0)
    elif kind == "eco":
        pass
    elif kind == "mortgage":
        f["bld"] = _num(rng.integers(1, 31, m), 0)
        f["room"] = _num(rng.integers(2, 33, m) * 100 + rng.integers(1, 5, m), 0)
    elif kind == "coal":
        units = rng.choice([2, 4], m)
        unitmw = rng.choice([350, 660, 1000], m)
        cap = units * unitmw
        f["units"] = _num(units, 0)
        f["unitmw"] = _num(unitmw, 0)
        c[C_CAP] = _blank_unless(rng, _num(cap, 0), 0.5)
        gen = cap * rng.uniform(3500, 5000, m) / 10
        c[C_GEN] = np.where(c[C_CAP] != "", _blank_unless(rng, _num(gen, 0), 0.6), "").astype(object)
    elif kind == "cement":
        f["tpd"] = _num(rng.choice([2500, 4000, 5000], m), 0)
    elif kind == "steel":
        f["mt"] = _num(rng.choice([50, 100, 200, 300], m), 0)
    elif kind == "greenwash":
        f["nb"] = _num(rng.integers(1, 4, m), 0)
        f["tph"] = _num(rng.choice([4, 6, 10, 20], m), 0)
        c[C_EFF] = _blank_unless(rng, _pick(rng, ["3级", "3", "2级"], m), 0.5)
    elif kind == "shipping":
        f["dwt"] = _num(rng.choice([5, 6.4, 8.2, 18], m), 1)
    else:  # pragma: no cover - programming error
        raise ValueError(f"unknown tech kind {kind!r}")
    return f, c


# --------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------
def _estates(rng: np.random.Generator, m: int) -> np.ndarray:
    return _pick(rng, ZH_A, m) + _pick(rng, ZH_B, m) + _pick(rng, ESTATE_SUFFIX, m)


def _build_pool(rng: np.random.Generator, pool: Pool, size: int, serial: np.ndarray) -> dict[str, np.ndarray]:
    """``size`` distinct borrowers: name, trade name, place index, credit code."""
    na, nb, nw = len(pool.zh_a), len(ZH_B), len(pool.words)
    space = na * nb * nw
    comb = rng.choice(space, size=size, replace=False)
    a, rest = np.divmod(comb, nb * nw)
    b, w = np.divmod(rest, nw)
    zh = np.asarray(pool.zh_a, dtype=object)[a] + np.asarray(ZH_B, dtype=object)[b]
    words = np.asarray(pool.words, dtype=object)[w]
    gidx, gp = PLACE_GROUPS[pool.places]
    place = np.asarray(gidx)[rng.choice(len(gidx), size=size, p=gp)]
    city_short = np.array([p[2] for p in PLACES], dtype=object)[place]
    form = rng.choice(len(FORMS), size=size, p=FORM_P)
    prefix_style = rng.choice(3, size=size, p=[0.6, 0.15, 0.25])
    prefix = np.where(prefix_style == 0, city_short, np.where(prefix_style == 1, city_short + "市", ""))
    bracket = form == len(FORMS) - 1
    prefix = np.where(bracket, "", prefix).astype(object)
    suffix = np.asarray(FORMS, dtype=object)[form]
    suffix = np.where(bracket, "（" + city_short + "）有限公司", suffix).astype(object)
    name = prefix + zh + words + suffix
    region6 = np.array([p[4] for p in PLACES])[place]
    return {"name": name, "zh": zh, "place": place, "code": credit_codes(region6, serial)}


def generate_loan_book(n: int, seed: int = DEFAULT_SEED, problems: bool = True,
                       truth: bool = False) -> pd.DataFrame:
    """A synthetic loan book of ``n`` loans of a Xiamen bank (see module doc).

    Every column is a string column; an empty string is a blank cell. The same
    ``n`` and ``seed`` always give the same book. ``problems=True`` plants the
    defects listed by :func:`planted_rows`; ``problems=False`` gives the same
    book without them. ``truth=True`` appends two
    columns that a real book does not have, for scoring a tagger: ``segment``
    (key in :data:`SEGMENTS`) and ``segment_green_code`` (the 2021
    bond-catalogue item the segment's activity belongs to, empty for
    ordinary and high-carbon segments, including the greenwashing one). It
    names the activity's item, not a check of the item's technical criteria.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    rng = np.random.default_rng(seed)
    weights = np.array([s.weight for s in SEGMENTS], dtype=float)
    seg = rng.choice(len(SEGMENTS), size=n, p=weights / weights.sum())
    # The planted rows get their segments (and pre-2025 dates) whether or not
    # the defects are applied, so problems=False gives the same book, clean.
    plants = planted_rows(n)
    for p in PLANTED:
        at = plants["kind"].to_numpy() == p.kind
        if p.segment:
            seg[plants["row"].to_numpy()[at]] = SEGMENT_INDEX[p.segment]
        if p.partner_segment:
            seg[plants["partner_row"].to_numpy()[at]] = SEGMENT_INDEX[p.partner_segment]

    # Approval dates: green lending grows, so green segments lean recent.
    span = int((DATE_TO - DATE_FROM).astype(int)) + 1
    u = rng.random(n)
    is_green_seg = np.array([s.green is not None for s in SEGMENTS])[seg]
    days = np.where(is_green_seg, np.sqrt(u), u) * span
    days = np.minimum(days.astype(np.int64), span - 1)
    misdeclared = plants["kind"].isin(["misdeclared_real_estate", "misdeclared_working_capital",
                                       "pv_declared_as_wind", "greenwash_name"])
    pre = plants.loc[misdeclared, "row"].to_numpy()
    cutoff_day = int((CUTOFF_2025 - DATE_FROM).astype(int))
    days[pre] = days[pre] % cutoff_day  # keep them under the 2021 standard
    date = DATE_FROM + days.astype("timedelta64[D]")
    date_table = (DATE_FROM + np.arange(span).astype("timedelta64[D]")).astype(str).astype(object)
    date_str = date_table[days]
    year = date.astype("datetime64[Y]").astype(np.int64) + 1970
    year_table = np.array([str(y) for y in range(2019, 2027)], dtype=object)

    cols = {c: np.full(n, "", dtype=object) for c in COLUMNS}
    cols[C_DATE] = date_str
    amount = np.zeros(n)
    rate = np.zeros(n)

    # Borrower pools (segments sharing a pool share borrowers).
    pool_rows: dict[str, int] = {}
    for i, s in enumerate(SEGMENTS):
        if s.pool:
            pool_rows[s.pool] = pool_rows.get(s.pool, 0) + int(np.count_nonzero(seg == i))
    pool_keys = [k for k in POOLS if pool_rows.get(k, 0) > 0]
    sizes = {}
    for k in pool_keys:
        p = POOLS[k]
        space = len(p.zh_a) * len(ZH_B) * len(p.words)
        sizes[k] = max(1, min(space, math.ceil(pool_rows[k] / p.loans_per_borrower)))
    total = sum(sizes.values())
    serials = rng.choice(10**8, size=total, replace=False)
    pools: dict[str, dict[str, np.ndarray]] = {}
    start = 0
    for k in pool_keys:
        pools[k] = _build_pool(rng, POOLS[k], sizes[k], serials[start:start + sizes[k]])
        start += sizes[k]

    place_region = np.array([p[0] for p in PLACES], dtype=object)
    place_city = np.array([p[1] for p in PLACES], dtype=object)
    place_cshort = np.array([p[2] for p in PLACES], dtype=object)
    place_county = np.array([p[3] for p in PLACES], dtype=object)
    xm_idx, xm_p = PLACE_GROUPS["xm"]

    for i, s in enumerate(SEGMENTS):
        rows = np.flatnonzero(seg == i)
        m = len(rows)
        if m == 0:
            continue
        # --- borrower
        if s.pool:
            pool = pools[s.pool]
            b = rng.integers(len(pool["name"]), size=m)
            name, code, zh = pool["name"][b], pool["code"][b], pool["zh"][b]
            place = pool["place"][b]
        else:
            given = _pick(rng, GIVEN, m)
            name = _pick(rng, SURNAMES, m) + "*" + np.where(rng.random(m) < 0.8, given, "").astype(object)
            code = np.full(m, "", dtype=object)
            zh = name
            place = np.asarray(xm_idx)[rng.choice(len(xm_idx), size=m, p=xm_p)]
        region = place_region[place]
        region = np.where((region == "厦门市") & (rng.random(m) < 0.1), "福建省厦门市", region).astype(object)
        fields, tech_cols = _tech(s.tech, rng, m)
        fields.update({
            "co": name, "zh": zh, "city": place_city[place], "dist": place_county[place],
            "loc_s": place_cshort[place] + place_county[place],
            "area": _pick(rng, AREAS, m), "estate": _estates(rng, m),
            "yr": year_table[year[rows] - 2019],
        })
        if "client" not in fields and "bldg" in s.opts:
            fields["client"] = fields["city"] + fields["area"] + _pick(rng, s.opts["bldg"], m)
        for key, options in s.opts.items():
            if key != "bldg":
                fields[key] = _pick(rng, options, m)
        # --- industry code, written the way banks write it
        if s.industry:
            codes = list(s.industry)
            p = np.asarray(list(s.industry.values()), dtype=float)
            k = rng.choice(len(codes), size=m, p=p / p.sum())
            ind = np.asarray(codes, dtype=object)[k]
            sect = np.asarray([section_of(c) for c in codes], dtype=object)[k]
            division = np.asarray([c[:2] for c in codes], dtype=object)[k]
            style = rng.random(m)
            ind_str = np.select([style < 0.02, style < 0.47, style < 0.92],
                                [np.full(m, "", dtype=object), sect + ind, ind],
                                default=sect + division).astype(object)
        else:
            ind_str = np.full(m, "", dtype=object)
        if s.goods:
            goods = np.full(m, "", dtype=object)
            for j, c in enumerate(codes):
                sel = np.flatnonzero(k == j)
                if len(sel):
                    goods[sel] = _pick(rng, s.goods[c], len(sel))
            fields["goods"] = goods
        # --- project name, then purpose (which may quote it)
        proj = np.full(m, "", dtype=object)
        if s.projects:
            t = rng.integers(len(s.projects), size=m)
            for j, tpl in enumerate(s.projects):
                sel = np.flatnonzero(t == j)
                if len(sel):
                    proj[sel] = _render(tpl, fields, sel)
        fields["proj"] = proj
        purpose = np.empty(m, dtype=object)
        t = rng.integers(len(s.purposes), size=m)
        for j, tpl in enumerate(s.purposes):
            sel = np.flatnonzero(t == j)
            if len(sel):
                purpose[sel] = _render(tpl, fields, sel)
        if s.projects and s.project_p < 1:
            proj = np.where(rng.random(m) < s.project_p, proj, "").astype(object)
        # --- amounts, currency, rate
        med, sig, lo, hi = s.amount
        cost = fields.pop("_invest", None)
        if cost is None:
            amt = _lognormal(rng, m, med, sig, lo, hi)
        else:
            amt = cost * rng.uniform(*s.share, m)
        ccy = np.where(rng.random(m) < s.usd_p, "USD", "CNY").astype(object)
        amt = np.where(ccy == "USD", amt / 7.1, amt)
        amt = np.round(amt, 2)
        rlo, rhi = RATES[s.rate]
        r = rlo + (rhi - rlo) * rng.beta(2, 2, m) * (1 - 0.06 * (year[rows] - 2019))
        # --- declared green classification
        std = np.full(m, "", dtype=object)
        gcode = np.full(m, "", dtype=object)
        if s.green:
            declared = rng.random(m) < s.declare_p
            new_std = (date[rows] >= CUTOFF_2025) & (rng.random(m) < 0.8)
            std = np.where(declared, np.where(new_std, STD_2025, STD_2021), "").astype(object)
            gcode = np.where(declared & ~new_std, s.green, "").astype(object)
        # --- write
        cols[C_NAME][rows] = name
        cols[C_USCC][rows] = code
        cols[C_IND][rows] = ind_str
        cols[C_PURPOSE][rows] = purpose
        cols[C_PROJECT][rows] = proj
        cols[C_CCY][rows] = ccy
        cols[C_REGION][rows] = region
        cols[C_STD][rows] = std
        cols[C_GREEN][rows] = gcode
        amount[rows] = amt
        rate[rows] = r
        if s.project_loan:
            invest = np.round(cost if cost is not None else amt / rng.uniform(0.45, 0.85, m), 2)
            has = (proj != "") & (ccy == "CNY") & (rng.random(m) < 0.7)
            cols[C_INVEST][rows] = np.where(has, _money(invest), "")
        for col, values in tech_cols.items():
            cols[col][rows] = values

    cols[C_AMOUNT] = _money(amount)
    bp = np.rint(rate * 100).astype(np.int64)
    rate_table = np.array([f"{b / 100:.2f}" for b in range(int(bp.max(initial=0)) + 1)], dtype=object)
    cols[C_RATE] = rate_table[bp]
    width = max(6, len(str(max(n - 1, 0))))
    ids = np.empty((n, 6 + width), dtype=np.uint8)
    ids[:, 0], ids[:, 1] = ord("X"), ord("M")
    ids[:, 2:6] = _digits(year, 4)
    ids[:, 6:] = _digits(rng.permutation(n), width)
    cols[C_ID] = ids.view(f"S{6 + width}").ravel().astype(f"U{6 + width}").astype(object)

    if problems and len(plants):
        _plant(cols, plants)
    data = {}
    for c in COLUMNS:  # convert one column at a time so the object arrays can be freed
        data[c] = pd.Series(cols.pop(c), name=c)
    if truth:
        data["segment"] = pd.Series(np.asarray([x.key for x in SEGMENTS], dtype=object)[seg])
        true_code = [x.green if (x.green and x.eligible) else "" for x in SEGMENTS]
        data["segment_green_code"] = pd.Series(np.asarray(true_code, dtype=object)[seg])
    return pd.DataFrame(data)


def _plant(cols: dict[str, np.ndarray], plants: pd.DataFrame) -> None:
    """Apply the planted defects, one vectorised step per kind."""
    kinds = plants["kind"].to_numpy()
    at = {p.kind: plants["row"].to_numpy()[kinds == p.kind] for p in PLANTED}
    partner = {p.kind: plants["partner_row"].to_numpy()[kinds == p.kind] for p in PLANTED}

    r = at["duplicate_id"]
    cols[C_ID][r] = cols[C_ID][partner["duplicate_id"]]
    r = at["bad_check_digit"]
    if len(r):
        codes = cols[C_USCC][r].astype("U18")
        last = codes.astype("S18").view(np.uint8).reshape(-1, 18)[:, 17]
        wrong = np.asarray(list(USCC_ALPHABET), dtype=object)[(_ALPHA_VALUE[last] + 7) % 31]
        cols[C_USCC][r] = codes.astype("U17").astype(object) + wrong  # a different, valid character
    r = at["negative_amount"]
    cols[C_AMOUNT][r] = "-" + cols[C_AMOUNT][r]
    cols[C_AMOUNT][at["non_numeric_amount"]] = "一千万"
    cols[C_IND][at["unknown_industry"]] = "9999"
    cols[C_NAME][at["empty_borrower"]] = ""
    cols[C_NAME][at["formula_name"]] = '=HYPERLINK("http://x","点击")'
    cols[C_NAME][at["html_name"]] = "<script>alert(1)</script>有限公司"
    r, q = at["same_project_twice"], partner["same_project_twice"]
    for col in (C_NAME, C_USCC, C_IND, C_PURPOSE, C_PROJECT, C_REGION, C_INVEST, C_CAP, C_GEN):
        cols[col][r] = cols[col][q]
    # the partner may have drawn no project name: give both the one its purpose quotes
    none = cols[C_PROJECT][q] == ""
    if none.any():
        named = cols[C_PURPOSE][q[none]]
        named = pd.Series(named, dtype=object).str.removeprefix("用于").str.removesuffix("建设").to_numpy(dtype=object)
        cols[C_PROJECT][q[none]] = named
        cols[C_PROJECT][r[none]] = named
    r = at["misdeclared_real_estate"]
    cols[C_STD][r], cols[C_GREEN][r], cols[C_STAR][r] = STD_2021, "5.2.1.2", ""
    r = at["misdeclared_working_capital"]
    cols[C_PURPOSE][r], cols[C_PROJECT][r], cols[C_INVEST][r] = "补充日常经营流动资金", "", ""
    cols[C_STD][r], cols[C_GREEN][r] = STD_2021, "3.2.2.2"
    r = at["pv_declared_as_wind"]
    cols[C_STD][r], cols[C_GREEN][r] = STD_2021, "3.2.2.1"
    r = at["greenwash_name"]
    cols[C_PURPOSE][r] = "购置2台10t/h燃煤锅炉用于生产供热"
    cols[C_STD][r], cols[C_GREEN][r] = STD_2021, "1.1.2.1"


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m greenkit.synth",
                                 description="Write a synthetic Xiamen-bank loan book as CSV.")
    ap.add_argument("--rows", type=int, default=600, help="number of loans (default 600)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    ap.add_argument("-o", "--output", required=True, help="CSV path to write ('-' for stdout)")
    ap.add_argument("--encoding", default="utf-8-sig",
                    help="file encoding: utf-8-sig (default, UTF-8 with BOM, opens cleanly in Excel) or gb18030")
    ap.add_argument("--no-problems", action="store_true", help="do not plant the deliberate defects")
    args = ap.parse_args(argv)
    book = generate_loan_book(args.rows, seed=args.seed, problems=not args.no_problems)
    if args.output == "-":
        book.to_csv(sys.stdout, index=False)
    else:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        book.to_csv(args.output, index=False, encoding=args.encoding)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
