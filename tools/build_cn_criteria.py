#!/usr/bin/env python3
"""Build the technical screening criteria of the two Chinese catalogues.

Writes
  taxonomies/cn-green-industry-2019/criteria.csv   (short_id CNI19)
  taxonomies/cn-green-bond-2021/criteria.csv       (short_id CNB21)

from the hand-encoded specification below and the catalogue text in
``../shared/reference`` (relative to the repository root, i.e.
/work/shared/reference). Every criterion quotes the catalogue: each quote
fragment must occur verbatim in the item's text, or the build fails. The CSVs
are the committed artefact; this script is deterministic (same inputs, same
bytes out).

Self-checks (run on every build, and alone with ``--check``):
  * every variable is declared in greenkit/fields/*.yaml (technical.yaml) or is
    one of the core fields outstanding, project_investment, industry_code,
    purpose;
  * operators are known, thresholds parse (numbers for comparisons, a
    |-separated list for in/not_in, empty for is_true) and fit the field's
    dtype, bounds and allowed values;
  * units parse with greenkit's unit registry and match the field's unit;
  * item codes are leaf items of the reference catalogue, ids are unique,
    any_group labels have at least two members.

Reading of the wording (see taxonomies/README.md):
  达到或优于 / 及以上 / 不低于 / 大于等于 → ``>=`` (``<=`` for grades, 1 best)
  优于 (strictly better than) → ``<`` for grades, except 优于1级: grade 1 is the
  best grade, so a strict reading is unsatisfiable; encoded as ``<= 1``.
  不高于 / 以内 → ``<=``;  "N 以上" in a prohibition includes N (Chinese
  legal drafting: 以上、以下、以内 包括本数).
  鼓励 (encouraged) and 例如 / 如 (examples) are not encoded as requirements.
"""

from __future__ import annotations

import argparse
import csv
import glob
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
REF = (ROOT / ".." / "shared" / "reference").resolve()
CAT19 = REF / "cn-green-industry-2019.catalog.csv"
CAT21 = REF / "cn-green-bond-2021.catalog.yaml"
OUT19 = ROOT / "taxonomies" / "cn-green-industry-2019" / "criteria.csv"
OUT21 = ROOT / "taxonomies" / "cn-green-bond-2021" / "criteria.csv"
FIELDS_DIR = ROOT / "greenkit" / "fields"

COLUMNS = [
    "criterion_id", "item_code", "kind", "variable", "operator", "threshold", "unit",
    "standard", "applies_if_keywords", "any_group", "text_zh", "source", "verified", "note",
]
OPERATORS = {">=", ">", "<=", "<", "==", "!=", "in", "not_in", "is_true"}
COMPARISONS = {">=", ">", "<=", "<"}
CORE_VARIABLES = {"outstanding", "project_investment", "industry_code", "purpose"}
# 2021 level-4 items the reference copy lacks (README "known defects").
MISSING_21 = {"2.4.1.1", "4.2.1.4"}

SRC19 = ("发改环资〔2019〕293号《绿色产业指导目录（2019年版）》解释说明 {code}; "
         "text via shared/reference/cn-green-industry-2019.catalog.csv (shangfr/GreenCreditPolicy)")
SRC21 = ("银发〔2021〕96号《绿色债券支持项目目录（2021年版）》 {code} 说明/条件; "
         "text via shared/reference/cn-green-bond-2021.catalog.yaml (Nikeandocean/carbon-accounting-specs)")

NOCHECK = ("unverified: text taken from the public transcription only; the official document was "
           "not retrievable with the tools available and the other edition does not restate this "
           "requirement, so it could not be cross-checked")
XCHK = "cross-checked: {what} also in {other} (independent transcription of the other edition); official PDF not retrieved"
TRUNC = "unverified: the 2021 transcription truncates this text (README known defect)"


@dataclass
class C:
    item: str
    kind: str            # quantitative | qualitative
    var: str
    op: str
    thr: str
    unit: str
    std: str
    quote: tuple[str, ...]   # verbatim fragments of the item text, joined with ……
    applies: str = ""
    group: str = ""
    verified: bool = False
    note: str = ""


def q(*frags: str) -> tuple[str, ...]:
    return frags


def T(item, std, quote, applies="", **kw):
    """Qualitative: conforms to cited technical standards."""
    return C(item, "qualitative", "technical_standard_met", "is_true", "", "", std, quote, applies, **kw)


def E(item, std, quote, applies="", **kw):
    """Qualitative: emission / pollution-control standard met."""
    return C(item, "qualitative", "emission_standard_met", "is_true", "", "", std, quote, applies, **kw)


def P(item, std, quote, applies="", **kw):
    """Qualitative: policy document / sector norm met."""
    return C(item, "qualitative", "policy_requirements_met", "is_true", "", "", std, quote, applies, **kw)


def L(item, std, quote, applies="", **kw):
    """Qualitative: on the official list / plan cited."""
    return C(item, "qualitative", "on_official_list", "is_true", "", "", std, quote, applies, **kw)


def B(item, std, quote, applies="", **kw):
    """Qualitative: efficiency benchmark (target value / 节能评价值) met."""
    return C(item, "qualitative", "efficiency_benchmark_met", "is_true", "", "", std, quote, applies, **kw)


def G(item, op, grade, std, quote, applies="", **kw):
    """Quantitative: energy-efficiency grade."""
    return C(item, "quantitative", "efficiency_grade", op, str(grade), "", std, quote, applies, **kw)


def N(item, var, op, thr, unit, std, quote, applies="", **kw):
    """Quantitative: a number compared with a threshold."""
    return C(item, "quantitative", var, op, thr, unit, std, quote, applies, **kw)


GRADE1_NOTE = ("优于1级 read as grade 1: grade 1 is the best grade, so a strict 'better than grade 1' "
               "cannot be satisfied")

# ---------------------------------------------------------------------------
# 《绿色产业指导目录（2019年版）》 — leaf items are third level
# ---------------------------------------------------------------------------
CNI19: list[C] = [
    # 1.1.1 节能锅炉制造
    B("1.1.1", "TSG G0002 热效率目标值",
      q("锅炉能效等级达到《锅炉节能技术监督管理规程》（含修改单）（TSGG0002）中热效率指标的目标值要求"),
      note="unverified: the target-value requirement matches CNB21 1.1.1.1 (其他锅炉…热效率指标目标值), "
           "but TSG G0002 is named only in this transcription"),
    G("1.1.1", "<", 2, "GB 24500 2级",
      q("工业锅炉能效优于《工业锅炉能效限定值及能效等级》（GB24500）规定的2级能效等级要求"),
      applies="工业锅炉", verified=True,
      note="优于 (strictly better than) grade 2 → grade 1 only; " + XCHK.format(
          what="grade 2 of GB 24500 for industrial boilers", other="CNB21 1.1.1.1 (which reads 达到或优于, i.e. <= 2)")),
    E("1.1.1", "GB 13271",
      q("工业锅炉大气污染物排放浓度值符合《锅炉大气污染物排放标准》（GB13271）要求"),
      applies="工业锅炉", verified=True, note=XCHK.format(what="GB 13271", other="CNB21 1.1.1.1")),
    E("1.1.1", "GB 13223",
      q("电站锅炉大气污染物排放浓度值符合《火电厂大气污染物排放标准》（GB13223）要求"),
      applies="电站锅炉"),
    # 1.1.3 节能型泵及真空设备制造
    B("1.1.3", "GB 19762 节能评价值",
      q("清水离心泵能效指标优于《清水离心泵能效限定值及节能评价值》（GB19762）标准中节能评价值水平"),
      applies="清水离心泵",
      note="unverified: CNB21 1.1.1.3 also names 节能评价值 but not GB 19762; 优于 (strictly better) "
           "cannot be expressed by a boolean"),
    G("1.1.3", "<=", 1, "GB 32284 1级",
      q("石油化工离心泵能效优于《石油化工离心泵能效限定值及能效等级》（GB32284）标准中1级能效水平"),
      applies="石油化工离心泵|石化离心泵", verified=True,
      note=GRADE1_NOTE + "; " + XCHK.format(what="grade 1 for energy-saving pumps", other="CNB21 1.1.1.3")),
    G("1.1.3", "<=", 1, "GB 32030 1级; GB 32029 1级; GB 32031 1级",
      q("潜水电泵能效优于《井用潜水电泵能效限定值及能效等级》（GB32030）、《小型潜水电泵能效限定值及能效等级》（GB32029）、"
        "《污水污物潜水电泵能效限定值及能效等级》（GB32031）标准中1级能效水平"),
      applies="潜水电泵|潜水泵", verified=True,
      note=GRADE1_NOTE + "; " + XCHK.format(what="grade 1 for energy-saving pumps", other="CNB21 1.1.1.3")),
    # 1.1.4 节能型气体压缩设备制造
    G("1.1.4", "<=", 1, "GB 19153 1级; GB 35971 1级",
      q("容积式空气压缩机能效优于《容积式空气压缩机能效限定值及能效等级》（GB19153）标准中1级能效水平；"
        "空气调节器用全封闭型电动机-压缩机能效优于《空气调节器用全封闭型电动机-压缩机能效限定值及能源效率等级》（GB35971）标准中1级能效水平"),
      verified=True, note=GRADE1_NOTE + "; " + XCHK.format(what="grade 1 of GB 19153 and GB 35971", other="CNB21 1.1.1.4")),
    # 1.1.6 节能风机风扇制造
    G("1.1.6", "<=", 1, "GB 19761 1级; GB 28381 1级",
      q("通风机能效优于《通风机能效限定值及能效等级》（GB19761）标准中1级能效水平；"
        "离心鼓风机能效《离心鼓风机能效限定值及节能评价值》（GB28381）标准中1级能效水平"),
      applies="风机", verified=True,
      note=GRADE1_NOTE + "; the 鼓风机 clause lacks its verb in the transcription; " + XCHK.format(
          what="grade 1 of GB 19761 and GB 28381", other="CNB21 1.1.1.6")),
    # 1.1.8 节能电机制造
    G("1.1.8", "<=", 1, "GB 18613 1级; GB 30253 1级; GB 30254 1级; GB 25958 1级",
      q("中小型三相异步电动机能效优于《中小型三相异步电动机能效限定值及能效等级》（GB18613）标准中1级能效水平",
        "小功率电动机能效优于《小功率电动机能效限定值及能效等级》（GB25958）标准1级能效水平"),
      verified=True, note=GRADE1_NOTE + "; " + XCHK.format(
          what="grade 1 of GB 18613, GB 30253 and GB 30254 (GB 25958 only here)", other="CNB21 1.1.1.8")),
    # 1.1.9 节能型变压器、整流器、电感器和电焊机制造
    G("1.1.9", "<=", 1, "GB 20052 1级; GB 24790 1级",
      q("三相配电变压器能效优于《三相配电变压器能效限定值及能效等级》（GB20052）标准1级能效水平；"
        "电力变压器能效优于《电力变压器能效限定值及能效等级》（GB24790）标准1级能效水平"),
      applies="变压器", verified=True,
      note=GRADE1_NOTE + "; " + XCHK.format(what="grade 1 for transformers (GB 20052)", other="CNB21 1.1.1.9")),
    G("1.1.9", "<=", 1, "GB 21518 1级",
      q("交流接触器能效优于《交流接触器能效限定值及能效等级》（GB21518）标准1级能效水平"),
      applies="接触器", note=GRADE1_NOTE + "; " + NOCHECK),
    T("1.1.9", "GB/T 30844.1; GB/T 30843.1",
      q("1kV及以下通用变频调速设备符合《1kV及以下通用变频调速设备第一部分：技术条件》（GB/T30844.1）标准要求；"
        "1kV以上不超过35kV通用变频调速设备符合《1kV以上不超过35kV的通用变频调速设备第一部分：技术条件》（GB/T30843.1）标准要求"),
      applies="变频"),
    # 1.1.10 余热余压余气利用设备制造
    B("1.1.10", "TSG R0010 目标值",
      q("热交换器能效等级达到《热交换器能效测试与评价规则》（TSGR0010）中的目标值要求"),
      applies="换热器|热交换器",
      note="unverified: the target-value requirement matches CNB21 1.1.1.10, but TSG R0010 is named only here"),
    # 1.1.11 高效节能家用电器制造
    G("1.1.11", "<=", 1,
      "GB 12021.3 1级; GB 21455 1级; GB 21454 1级; GB 12021.2 1级; GB 12021.4 1级; GB 12021.6 1级; GB 24850 1级; GB 12021.9 1级",
      q("房间空气调节器能效优于《房间空气调节器能效限定值及能效等级》（GB12021.3）标准1级能效水平",
        "其他高效节能家用电器能效均优于相应国家强制性标准1级能效水平"),
      verified=True, note=GRADE1_NOTE + "; " + XCHK.format(what="grade 1 for household appliances", other="CNB21 1.1.1.11")),
    # 1.1.12 高效节能商用设备制造
    G("1.1.12", "<=", 1, "GB 21521 1级; GB 28380 1级; GB 32028 1级; GB 19577 1级; GB 19576 1级",
      q("产品能效优于《复印机、打印机和传真机能效限定值及能效等级》（GB21521）",
        "等相应国家强制性能效标准1级能效水平"),
      verified=True, note=GRADE1_NOTE + "; " + XCHK.format(what="grade 1 for commercial equipment", other="CNB21 1.1.1.12")),
    # 1.1.13 高效照明产品及系统制造
    T("1.1.13", "GB 30255; GB/T 29293; GB/T 29294; GB/T 24908",
      q("LED产品需符合《普通照明用非定向自镇流LED灯能效限定值及能效等级》（GB30255）",
        "等国家标准要求"),
      applies="LED", note="unverified: GB 30255 is also cited by CNB21 1.1.1.13, the other standards only here"),
    # 1.2.x 环境保护装备制造
    T("1.2.1", "GB/T 28742; GB/T 28743; GB/T 30307",
      q("装备需符合《污水处理设备安全技术规范》（GB/T28742）、《污水处理容器设备通用技术条件》（GB/T28743）、"
        "《家用和类似用途饮用水处理装置》（GB/T30307）等国家标准要求"),
      note=NOCHECK + "; the 鼓励达到…名录 clause is encouragement and not encoded"),
    T("1.2.2", "GB/T 33017.2; GB/T 33017.3; GB/T 33017.4; GB/T 19229.1; GB/T 21509",
      q("装备需符合《高效能大气污染物控制装备评价技术要求第2部分：电除尘器》（GB/T33017.2）", "等国家标准要求"),
      note=NOCHECK + "; the 鼓励达到…名录 clause is encouragement and not encoded"),
    T("1.2.5", "GB/T 14527",
      q("装备需符合《复合阻尼隔振器和复合阻尼器》（GB/T14527）等国家标准要求"),
      note=NOCHECK + "; the 鼓励达到…名录 clause is encouragement and not encoded"),
    # 1.3.9 城镇污水处理厂污泥处置综合利用装备制造
    T("1.3.9", "GB 4284; GB/T 23485; GB/T 24600; GB/T 23486; GB/T 25031; GB/T 24188; GB/T 24602; CJ/T 510; 地方标准",
      q("通过装备处理处置后的污泥产品应达到《农用污泥中污染物控制标准》（GB4284）", "等国家标准或地方标准"),
      group="A", note=NOCHECK + "; alternative to energy recovery (any_group A)"),
    C("1.3.9", "qualitative", "energy_recovered", "is_true", "", "", "",
      q("或有效利用其热值"), group="A", note=NOCHECK + "; alternative to the sludge-quality standards (any_group A)"),
    # 1.5.5 绿色照明改造
    T("1.5.5", "GB/T 31832; GB/T 32481",
      q("相关参数需符合《LED城市道路照明应用技术要求》（GB/T31832）、《隧道照明用LED灯具性能要求》（GB/T32481）等国家标准要求"),
      note=NOCHECK + " (CNB21 1.1.3.1 cites different lighting standards)"),
    # 1.6.x 污染治理
    N("1.6.1", "water_quality_class", "<=", "3", "", "GB 3838 Ⅲ类",
      q("严格保护江河源头及水质达到或优于III类的江河湖库"),
      applies="江河|河流|湖泊|湖库|水库",
      verified=True, note="达到或优于III类 = class III or better; " + XCHK.format(
          what="Ⅲ类及以上 water bodies", other="CNB21 1.3.2.1") + "; GB 3838 (the class system) is not named in the text"),
    P("1.6.3", "《城市黑臭水体整治工作指南》",
      q("治理后水体需满足《城市黑臭水体整治工作指南》等管理文件要求"),
      verified=True, note=XCHK.format(what="《城市黑臭水体整治工作指南》", other="CNB21 1.3.2.3")),
    E("1.6.7", "GB 18483", q("设施运行需符合《饮食业油烟排放标准》（GB18483）"), note=NOCHECK),
    E("1.6.9", "GB 18596", q("畜禽养殖需符合《畜禽养殖业污染物排放标准》（GB18596）"),
      applies="畜禽|养殖", note=NOCHECK),
    E("1.6.13", "GB 14554", q("装置或措施运行需符合《恶臭污染物排放标准》（GB14554）"), note=NOCHECK),
    # 1.7.x 资源综合利用
    T("1.7.1", "相关国家标准", q("工艺、产品等需符合相关国家标准"),
      note=NOCHECK + "; no standard is named"),
    T("1.7.2",
      "GB/T 13587; GB 4223; GB/T 27686; GB/T 13460; 国务院令第551号; GB/T 27611; HJ 527; HJ/T 181; GB 22128; GB/T 17145; HJ 607; GB/T 28730",
      q("再生利用资源、工艺、产品等需符合《铜及铜合金废料》（GB/T13587）", "等国家标准和行业标准"), note=NOCHECK),
    T("1.7.3", "GB/T 25810; GB/T 28739; GB 4284; GB/T 24188; GB 18918; GB/T 23485; GB/T 24602; GB/T 24600; GB/T 50743",
      q("装备、工艺、产品等需符合《生活垃圾综合处理与资源利用技术要求》（GB/T25810）", "等国家标准"), note=NOCHECK),
    T("1.7.4", "GB/T 28676; GB/T 28675; GB/T 28673; GB/T 28672; GB/T 32222",
      q("工艺、产品等需符合《汽车零部件再制造分类》（GB∕T28676）", "等国家标准"), note=NOCHECK),
    T("1.7.5", "GB/T 31327; GB/T 50619; GB/T 31328",
      q("工艺、产品等需符合《海水淡化预处理膜系统设计规范》（GB/T31327）", "等国家标准"), note=NOCHECK),
    T("1.7.6", "GB/T 50596; GB 50400; GB 51174",
      q("工艺、产品等需符合《雨水集蓄利用工程技术规范》（GB/T50596）", "等国家标准"), note=NOCHECK),
    T("1.7.7", "相关国家标准", q("工艺、产品等需符合相关国家标准"), note=NOCHECK + "; no standard is named"),
    T("1.7.8", "GB 4284; GB/T 24600; GB/T 23486; GB/T 25031; GB/T 24602; 地方标准",
      q("综合利用的污泥产品应当能达到《农用污泥中污染物控制标准》（GB4284）", "等国家标准或地方标准"), note=NOCHECK),
    # 2.1.x 园区
    T("2.1.1", "GB/T 31088; GB/T 33567; GB/T 33751",
      q("需符合《工业园区循环经济管理通则》（GB/T31088）", "等标准"), note=NOCHECK),
    E("2.1.3", "GB 18918; 地方标准",
      q("需符合《城镇污水处理厂污染物排放标准》（GB18918）和当地生态环境保护主管部门制定的地方标准"), note=NOCHECK),
    T("2.1.4", "钢铁、氮肥、烧碱/聚氯乙烯、铝、铅锌等行业清洁生产评价指标体系",
      q("需符合《钢铁行业清洁生产评价指标体系》", "等国家标准要求"),
      note=NOCHECK + "; no level of the indicator systems is stated, so cleaner_production_level is not used"),
    # 2.2.x
    T("2.2.2", "GB 18597; GB 18484; GB 18598; GB/T 32123; HJ 2042",
      q("需符合《危险废物贮存污染控制标准》（GB18597）", "等国家标准和行业标准"), note=NOCHECK),
    T("2.2.3", "GB 12463; HJ 2025",
      q("运输过程要符合《危险货物运输包装通用技术条件》（GB12463）、《危险废物收集、贮存、运输技术规范》（HJ2025）等国家标准和行业标准"),
      note=NOCHECK),
    L("2.2.4", "《种植业生产使用低毒低残留农药主要品种名录（2016）》",
      q("高效低毒低残留农药需符合《种植业生产使用低毒低残留农药主要品种名录（2016）》等国家和行业优先支持的农药品种"),
      verified=True, note=XCHK.format(what="the 2016 pesticide list", other="CNB21 2.2.1.1")),
    # 2.3.x 大气
    E("2.3.1", "GB 13271; GB 28662; GB 4915",
      q("改造后大气污染物排放符合《锅炉大气污染物排放标准》（GB13271）", "等相关行业的国家标准"), note=NOCHECK),
    E("2.3.2", "超低排放标准（发改能源〔2014〕2093号; 环发〔2015〕164号）",
      q("需符合《煤电节能减排升级与改造行动计划（2014-2020年）》（发改能源〔2014〕2093号）、"
        "《全面实施燃煤电厂超低排放和节能改造工作方案》（环发〔2015〕164号）中超低排放标准及其他相关要求"),
      note=NOCHECK + "; the emission limits themselves are in the cited documents, not in the catalogue text"),
    E("2.3.3", "国家和地方挥发性有机物排放标准", q("需符合国家和地方有关挥发性有机物的排放标准"), note=NOCHECK),
    # 2.4.x 水
    T("2.4.1", "GB/T 18870; GB/T 31436; GB 50506; GB/T 29725; GB/T 50363",
      q("需符合《节水型产品通用技术条件》（GB/T18870）", "等国家标准"),
      note=NOCHECK + " (the matching 2021 item 2.4.1.1 is missing from the 2021 transcription)"),
    E("2.4.2", "所在行业水污染物排放标准", q("需符合所在行业的水污染物排放标准"), note=NOCHECK),
    E("2.4.3", "国家和地方园区水污染物排放标准",
      q("集聚区工业废水排放必须达到国家和地方规定的园区水污染物排放标准"), note=NOCHECK),
    E("2.4.4", "GB 18596; 《畜禽规模养殖污染防治条例》",
      q("需符合《畜禽规模养殖污染防治条例》和《畜禽养殖业污染物排放标准》（GB18596）等国家标准和条例"), note=NOCHECK),
    # 2.5.x 固废
    T("2.5.1", "GB/T 32326; GB/T 32328; GB/T 31513",
      q("要符合《工业固体废物综合利用技术评价导则》（GB/T32326）、《工业固体废物综合利用产品环境与质量安全评价技术导则》（GB/T32328）、"
        "《工业综合利用设备环境化设计导则》（GB/T31513）等国家标准"),
      note="unverified: GB/T 32326 and GB/T 32328 are also cited by CNB21 2.3.1.1, GB/T 31513 only here"),
    L("2.5.1", "《资源综合利用产品和劳务增值税优惠目录》（财税〔2015〕78号）; 《工业固体废物资源综合利用评价管理暂行办法》; 《国家工业固体废物资源综合利用产品目录》",
      q("《资源综合利用产品和劳务增值税优惠目录》（财税〔2015〕78号）、《工业固体废物资源综合利用评价管理暂行办法》、"
        "《国家工业固体废物资源综合利用产品目录》的支持范围"),
      note=NOCHECK),
    T("2.5.2", "HJ 740", q("符合《尾矿库环境风险评估技术导则（试行）》（HJ740）等国家或行业标准"), note=NOCHECK),
    T("2.5.3", "GB/T 16716", q("符合《包装废弃物的处理与利用通则》（GB/T16716）等国家标准"), note=NOCHECK),
    # 3.1.x 清洁能源装备制造
    N("3.1.1", "unit_capacity", ">=", "3", "MW", "",
      q("3兆瓦及以上海上和高原型、低温型、低风速风力发电机组配套的各类发电机、风轮叶片、轴承等零部件"),
      applies="高原|低温|低风速", verified=True,
      note="applies to components for high-altitude, low-temperature and low-wind-speed turbines; the text also "
           "names offshore (海上) turbines, left out of the keywords so that complete offshore turbines (in scope "
           "without a size limit) are not tested; " + XCHK.format(what="3 MW", other="CNB21 3.2.1.1")),
    P("3.1.2", "《光伏制造行业规范条件》",
      q("光伏发电设备制造企业和项目需符合《光伏制造行业规范条件》要求"),
      applies="光伏", verified=True, note=XCHK.format(what="《光伏制造行业规范条件》", other="CNB21 3.2.1.2 (2018年本)")),
    N("3.1.2", "cleaner_production_level", "<=", "1", "", "《光伏电池行业清洁生产评价指标体系》I级",
      q("光伏电池生产需达到《光伏电池行业清洁生产评价指标体系》I级水平（国际清洁生产领先水平）"),
      applies="电池", verified=True, note=XCHK.format(what="I级", other="CNB21 3.2.1.2")),
    # 3.2.1 风力发电设施建设和运营
    T("3.2.1", "GB 51096; GB/T 51121; GB/T 19963; NB/T 31003",
      q("符合《风力发电场设计规范》（GB51096）", "等标准"), note=NOCHECK),
    # 3.2.2 太阳能利用设施建设和运营
    T("3.2.2", "GB 50797; GB/T 29319; GB/T 29196; JGJ/T 264",
      q("符合《光伏发电站设计规范》（GB50797）、《光伏发电系统接入配电网技术规定》（GB/T29319）、"
        "《独立光伏系统技术规范》（GB/T29196）、《光伏建筑一体化系统运行与维护规范》（JGJ/T264）等国家标准"),
      applies="光伏", note=NOCHECK),
]

_PV19 = ("unverified: numbers from the 2019 transcription only; the 2021 edition sets different thresholds, "
         "so no cross-check was possible and the official PDF was not retrieved")
_PV15 = ("; the same value and wording are in the 2015 绿色债券支持项目目录 (PBoC 公告〔2015〕第39号, as quoted by "
         "solarpwr.cn), which this text carries over")
CNI19 += [
    N("3.2.2", "pv_module_efficiency", ">=", "16.0", "percent", "", q("1）多晶硅电池组件光电转化效率≥16.0%"),
      applies="多晶", note=_PV19),
    N("3.2.2", "pv_first_year_degradation", "<=", "2.5", "percent", "",
      q("1）多晶硅电池组件光电转化效率≥16.0%，组件自项目投产运行之日起，一年内衰减率≤2.5%"), applies="多晶", note=_PV19 + _PV15),
    N("3.2.2", "pv_annual_degradation", "<=", "0.7", "percent", "",
      q("一年内衰减率≤2.5%，之后年衰减率≤0.7%"), applies="多晶", note=_PV19 + _PV15),
    N("3.2.2", "pv_module_efficiency", ">=", "16.5", "percent", "", q("2）单晶硅电池组件光电转化效率≥16.5%"),
      applies="单晶", note=_PV19),
    N("3.2.2", "pv_first_year_degradation", "<=", "3", "percent", "",
      q("2）单晶硅电池组件光电转化效率≥16.5%，组件自项目投产运行之日起，一年内衰减率≤3%"), applies="单晶", note=_PV19 + _PV15),
    N("3.2.2", "pv_annual_degradation", "<=", "0.7", "percent", "",
      q("一年内衰减率≤3%，之后年衰减率≤0.7%"), applies="单晶", note=_PV19 + _PV15),
    N("3.2.2", "pv_module_efficiency", ">=", "28", "percent", "", q("3）高倍聚光光伏组件光电转化效率≥28%"),
      applies="聚光", note=_PV19 + _PV15),
    N("3.2.2", "pv_first_year_degradation", "<=", "2", "percent", "",
      q("3）高倍聚光光伏组件光电转化效率≥28%，项目投产运行之日起，一年内衰减率≤2%"), applies="聚光", note=_PV19 + _PV15),
    N("3.2.2", "pv_annual_degradation", "<=", "0.5", "percent", "",
      q("一年内衰减率≤2%，之后年衰减率≤0.5%"), applies="聚光", note=_PV19 + _PV15),
    N("3.2.2", "pv_lifetime_degradation", "<=", "10", "percent", "",
      q("之后年衰减率≤0.5%，项目全生命周期内衰减率≤10%"), applies="聚光", note=_PV19 + _PV15),
    N("3.2.2", "pv_module_efficiency", ">=", "10", "percent", "", q("4）硅基薄膜电池组件光电转化效率≥10%"),
      applies="硅基", note=_PV19),
    N("3.2.2", "pv_module_efficiency", ">=", "14", "percent", "", q("铜铟镓硒（CIGS）薄膜电池组件光电转化效率≥14%"),
      applies="铜铟镓硒|CIGS", note=_PV19),
    N("3.2.2", "pv_module_efficiency", ">=", "14", "percent", "", q("碲化镉（CdTe）薄膜电池组件光电转化效率≥14%"),
      applies="碲化镉|CdTe", note=_PV19),
    N("3.2.2", "pv_module_efficiency", ">=", "10", "percent", "", q("其他薄膜电池组件光电转化效率≥10%"),
      applies="薄膜", note=_PV19 + _PV15 + "; evaluated for every thin-film text, the stricter CIGS/CdTe criteria apply in addition"),
    N("3.2.2", "pv_lifetime_degradation", "<=", "20", "percent", "",
      q("5）多晶硅、单晶硅和薄膜电池项目全生命周期内衰减率≤20%"), applies="多晶|单晶|薄膜", note=_PV19 + _PV15),
    T("3.2.2", "GB 26969; GB 50364; GB/T 30724; GB/T 28746; GB 50495",
      q("太阳能热利用需符合《家用太阳能热水系统能效限定值及能效等级》（GB26969）", "等国家标准"),
      applies="热水|热利用|集热|供热|采暖", note=NOCHECK),
    # 3.2.3 生物质能源利用设施建设和运营
    T("3.2.3", "GB 50762; GB 50957; NB/T 13006; GB/T 51063; NY/T 2908",
      q("符合《秸秆发电厂设计规范》（GB50762）", "等国家标准"), note=NOCHECK),
    P("3.2.3", "国能发电力〔2018〕53号",
      q("燃煤耦合生物质发电技改项目参照《关于燃煤耦合生物质发电技改试点项目建设通知》（国能发电力〔2018〕53号）执行"),
      applies="耦合", note=NOCHECK),
    L("3.2.4", "《“十三五”可再生能源规划》重点大型水电基地",
      q("仅含《“十三五”可再生能源规划》中明确的重点大型水电基地建设"),
      verified=True, note="the text lists the projects (白鹤滩, 叶巴滩 … 扎拉); " + XCHK.format(
          what="restriction to key large hydropower projects of the national renewable-energy plan", other="CNB21 3.2.2.4")),
    T("3.2.5", "NB/T 20120; NB/T 20285; NB/T 25043.1; NB/T 25044.1",
      q("符合《核电工程施工质量保证规定》（NB/T20120）", "等行业标准"), note=NOCHECK),
    T("3.2.6", "GB 26569; GB/T 28754",
      q("符合《民用煤层气（煤矿瓦斯）》（GB26569）、《煤层气（煤矿瓦斯）利用导则》（GB/T28754）等国家标准"), note=NOCHECK),
    # 3.3.x 清洁能源: 化石能源清洁利用 (not in the 2021 edition)
    T("3.3.1", "国VI汽油标准; 国VI柴油标准",
      q("符合国VI汽油标准的汽油产品、符合国VI柴油标准的柴油产品"), applies="汽油|柴油",
      note=NOCHECK + "; the text gives no GB numbers for the 国VI fuel standards"),
    P("3.3.2", "发改产业〔2017〕553号; 国能科技〔2017〕43号; 国能煤炭〔2014〕571号; 国能煤炭〔2015〕141号",
      q("符合《发展改革委工业信息化部关于印发<现代煤化工产业创新发展布局方案>的通知》（发改产业〔2017〕553号）", "等文件要求"),
      note=NOCHECK),
    T("3.3.2", "GB/T 31861", q("符合《工业窑炉用清洁燃料型煤》（GB/T31861）等国家标准"), applies="型煤", note=NOCHECK),
    P("3.3.3", "《煤炭工业发展“十三五”规划》; 发展改革委等六部门令第16号; 国能煤炭〔2014〕571号; 国能煤炭〔2014〕141号",
      q("需符合国家能源局《煤炭工业发展“十三五”规划》", "（国能煤炭〔2014〕141号）"),
      note=NOCHECK + "; the transcription reads 国能煤炭〔2014〕141号 here but 〔2015〕141号 in 3.3.2 for the same 行动计划"),
    # 3.4.x 能源系统高效运行
    P("3.4.1", "发改能源〔2016〕1430号",
      q("需符合国家发展改革委、国家能源局发布的《关于推进多能互补集成优化示范工程建设的实施意见》（发改能源〔2016〕1430号）的要求"),
      note=NOCHECK),
    T("3.4.2", "GB 51048", q("需符合《电化学储能电站设计规范》（GB51048）"), applies="电化学|电池|储能电站", note=NOCHECK),
    T("3.4.2", "GB/T 22473", q("《储能用铅酸蓄电池》（GB/T22473）等国家标准"), applies="铅酸|铅炭", note=NOCHECK),
    T("3.4.3", "GB/Z 32501; GB/T 33607",
      q("需符合《智能电网用户端通信系统一般要求》（GB/Z32501）、《智能电网调度控制系统总体框架》（GB∕T33607）等国家标准和行业标准"),
      note=NOCHECK),
    P("3.4.4", "国能综电力〔2016〕397号; 国能综电力〔2016〕474号",
      q("参照国家能源局火电灵活性改造试点项目（国能综电力〔2016〕397号、国能综电力〔2016〕474号）有关标准开展工程建设和运营的项目"),
      note=NOCHECK),
    T("3.4.5", "GB 50028; GB/T 51098; GB/T 20368",
      q("符合《城镇燃气设计规范》（GB50028）、《城镇燃气规划规范》（GB/T51098）、《液态天然气（LNG）生产、储存和装运》（GB/T20368）等国家标准"),
      note=NOCHECK),
    T("3.4.7", "NB/T 35071; NB/T 35009",
      q("符合《抽水蓄能电站水能规划设计规范》（NB/T35071）、《抽水蓄能电站选点规划编制规范》（NB/T35009）等行业标准"),
      note=NOCHECK),
    # 4.1.x 生态农业
    T("4.1.1", "GB/T 17315; GB/T 3242; GB/T 3543.1; GB/T 24308; GB/T 2930; GB 6141; GB 6142; GB/T 30395; GB/T 1008; GB/T 21673; GB/T 30890; SC/T 1116",
      q("需符合《玉米种子生产技术操作规程》（GB/T17315）", "等国家标准和行业标准"), note=NOCHECK),
    T("4.1.2", "GB/T 19630.1～19630.4; 农业部环境质量标准及7项通用准则性标准; 45项产品质量标准",
      q("需符合《有机产品》（GB/T19630.1-GB/T19630.4），农业部环境质量标准和农药、肥料、兽药、饲料及饲料添加剂、食品添加剂、动物卫生等7项通用准则性标准，及45项产品质量标准"),
      verified=True, note=XCHK.format(what="GB/T 19630 and the 7 + 45 standards", other="CNB21 4.1.3.1")),
    P("4.1.2", "《绿色食品标志管理办法》", q("产品标注需符合农业部《绿色食品标志管理办法》"),
      applies="绿色食品", verified=True, note=XCHK.format(what="《绿色食品标志管理办法》", other="CNB21 4.1.3.1")),
    T("4.1.3", "GB 9137; GB 15618; GB 36600; NY/T 2246",
      q("符合《保护农作物的大气污染物最高允许浓度》（GB9137）", "等国家标准和行业标准"), note=NOCHECK),
    T("4.1.4", "GB/T 15781; GB 2772; GB/T 26424; GB/T 15776; GB/T 15163; GB/T 15162",
      q("符合《森林抚育规程》（GB/T15781）", "等国家标准"), note=NOCHECK),
    T("4.1.6", "LY/T 2252; LY/T 2253",
      q("符合《碳汇造林技术规程》（LY/T2252）、《碳汇造林项目计量监测指南》（LY/T2253）等行业标准"), note=NOCHECK),
    T("4.1.7", "GB/T 10016; LY/T 2267; LY/T 2185; GB/T 14073",
      q("符合《林木种子贮藏》（GB/T10016）", "等国家和行业标准"), note=NOCHECK),
    P("4.1.8", "《畜禽规模养殖污染防治条例》; 《水污染防治行动计划》; 《关于建立病死畜禽无害化处理机制的意见》",
      q("符合《畜禽规模养殖污染防治条例》、国务院《水污染防治行动计划》、《关于建立病死畜禽无害化处理机制的意见》等法规和政策"),
      note=NOCHECK),
    T("4.1.9", "SC/T 9111; SC/T 1091; SC/T 1009; SC/T 1135.1; SC/T 1049; SC/T 9406; SC/T 0004; SC/T 9101; SC/T 9103; SC/T 1006; SC/T 1007; SC/T 5027; SC/T 2013; SN/T 1347; GB 20941; GB/T 19838; GB/T 27304; SC/T 3009",
      q("符合《海洋牧场分类》（SC/T9111）", "等国家标准和行业标准"), note=NOCHECK),
    T("4.1.10", "LY/T 2788; LY/T 2789",
      q("符合《森林体验基地质量评定》（LY/T2788），《森林养生基地质量评定》（LY/T2789）等行业标准"), note=NOCHECK),
    # 4.2.x 生态保护
    T("4.2.1", "GB/T 15778; GB/T 15781; LY/T 1185; LY/T 1818; LY/T 1646",
      q("符合《林业资源分类与代码自然保护区》（GB/T15778）", "等国家标准和行业标准"), note=NOCHECK),
    T("4.2.2", "LY/T 1819; LY/T 2590; LY/T 2603; HJ 710.1～710.11; SC/T 6073; SC/T 6074; SC/T 9409; SC/T 9410; SC/T 9411; LY/T 2242; LY/T 1814; LY/T 2241; GB/T 9411; SC/T 9403; SL 167; GB/T 51168; LY/T 2494",
      q("符合《珍稀濒危野生植物保护小区技术规程》（LY/T1819）", "等标准"), note=NOCHECK),
    T("4.2.3", "GB/T 31759; GB/T 14529; GB/T 20399; GB/T 20416; HJ/T 129; 环函〔2009〕195号; 环函〔2010〕139号",
      q("符合《自然保护区名词术语》（GB/T31759）", "等标准"), note=NOCHECK),
    T("4.2.4", "《国家重点生态功能区保护和建设规划编制技术导则》",
      q("符合国家环境保护部《国家重点生态功能区保护和建设规划编制技术导则》有关规定"), note=NOCHECK),
    P("4.2.5", "国家公园体制、国家地质公园和自然遗产相关文件（如《国家地质公园规划编制技术要求》）",
      q("保护性运营符合国家有关国家公园体制、国家地质公园和自然遗产所在地相关文件要求"),
      note=NOCHECK + "; the item name is split into the text by the transcription (公园、国家地质公园… start the text)"),
    # 4.3.x 生态修复
    T("4.3.1", "GB/T 23233; GB/T 23231; GB/T 23235",
      q("符合《退耕还林工程建设效益监测评价》（GB/T23233）、《退耕还林工程检查验收规则》（GB/T23231）、《退耕还林工程质量评估指标与方法》（GB/T23235）等国家标准"),
      applies="退耕", note=NOCHECK),
    P("4.3.1", "农牧发［2005］4号", q("农业部《关于进一步加强退牧还草工程实施管理的意见》（农牧发［2005］4号）要求"),
      applies="退牧", note=NOCHECK),
    T("4.3.2", "GB/T 24708; GB/T 27648; GB/T 26535; GB 27647; SL 709",
      q("符合《湿地分类》（GB/T24708）", "等行业标准"), note=NOCHECK),
    T("4.3.3", "SC/T 9111; SC/T 9416; SC/T 9417; SC/T 9401; SC/T 9413; SC/T 9414; SC/T 9415; SC/T 9418; SC/T 9419; SC/T 9421; SC/T 9422",
      q("符合《海洋牧场分类》（SC/T9111）", "等标准"), note=NOCHECK),
    P("4.3.3", "农办渔〔2017〕59号; 农办渔〔2017〕58号; 农业部1192号公告",
      q("以及农业农村部《国家级海洋牧场示范区管理工作规范（试行）》（农办渔〔2017〕59号）", "等要求"), note=NOCHECK),
    T("4.3.4", "HJ 192; HJ 624; HJ 623; SL 709; HJ 651; HJ 710.1～710.11; TD/T 1036; TD/T 1031.1～1031.7; TD/T 1044; TD/T 1049; 财建〔2016〕725号",
      q("符合《生态环境状况评价技术规范》（HJ192）", "等行业标准开展的生态安全和屏障保护修复行动"), note=NOCHECK),
    P("4.3.5", "京津风沙治理、岩溶石漠化综合治理、青海三江源有关工程管理办法",
      q("需符合京津风沙治理、岩溶石漠化综合治理、青海三江源有关工程管理办法和要求"), note=NOCHECK),
    T("4.3.5", "GB/T 15163; GB/T 15776; GB/T 21141; GB/T 24255; GB 50434; GB/T 16453.2; GB 51018; GB/T 24708; GB/T 27648; GB/T 26535; GB 27647; SL 709",
      q("以及《封山（沙）育林技术规程》（GB/T15163）", "等标准"), note=NOCHECK),
    T("4.3.6", "《矿山地质环境保护与土地复垦方案》; HJ 651; HJ 652; LY/T 2356; TD/T 1036; TD/T 1031.1～1031.7; TD/T 1044; TD/T 1049; GB/T 22206",
      q("符合《矿山地质环境保护与土地复垦方案》", "等标准"), note=NOCHECK),
    T("4.3.7", "GB/T 21141; GB/T 24255; LY/T 1840; LY/T 2829; GB 50434; GB/T 16453.2; GB 51018; GB/T 20465",
      q("符合《防沙治沙技术规范》（GB/T21141）", "等标准"), note=NOCHECK),
    T("4.3.8", "HJ 624; LY/T 2243",
      q("符合《外来物种环境风险评估技术导则》（HJ624）、《自然保护区外来入侵种管理规范》（LY/T2243）等标准"), note=NOCHECK),
    T("4.3.9", "SL 579; GB/T 27647",
      q("符合《洪涝灾情评估标准》（SL579）、《湿地生态风险评估技术规范》（GB/T27647）等行业标准"), note=NOCHECK),
    T("4.3.12", "TD/T 1054; TD/T 1051; GB/T 32000; GB 50445",
      q("符合《土地整治术语》（TD/T1054）", "等标准"), note=NOCHECK),
    # 5.1.x 建筑节能与绿色建筑
    T("5.1.1", "《被动式超低能耗绿色建筑技术导则（试行）（居住建筑）》",
      q("居住建筑需符合《被动式超低能耗绿色建筑技术导则（试行）（居住建筑）》"), applies="居住|住宅",
      note=NOCHECK + " (CNB21 5.2.1.1 cites GB/T 51350 instead)"),
    N("5.1.2", "green_building_star", ">=", "1", "", "GB/T 50378 一星; GB/T 50878 一星",
      q("建筑需达到《绿色建筑评价标准》（GB/T50378）、《绿色工业建筑评价标准》（GB/T50878）等标准中一星及以上标准要求"),
      note="unverified: 一星 appears only in this transcription (CNB21 5.2.1.2 names no star level)"),
    T("5.1.2", "MH/T 5033; YC/T 396",
      q("达到《绿色航站楼标准》（MH/T5033）、《烟草行业绿色工房评价标准》（YC/T396）等行业标准相关要求"),
      applies="航站楼|工房", note=NOCHECK),
    T("5.1.3", "GB 50364; JGJ 203; GB 50366; GB/T 50801",
      q("需符合《民用建筑太阳能热水系统应用技术标准》（GB50364）", "等标准"), note=NOCHECK),
    T("5.1.4", "GB/T 51233; GB/T 51232; GB/T 51231",
      q("需符合《装配式木结构建筑技术标准》（GB/T51233）、《装配式钢结构建筑技术标准》（GB/T51232）、《装配式混凝土建筑技术标准》（GB/T51231）等国家标准"),
      note=NOCHECK),
    N("5.1.4", "prefabricated_building_grade", "in", "A|AA|AAA", "", "GB/T 51129 A级",
      q("建筑需达到《装配式建筑评价标准》（GB/T51129）A级及以上标准要求"),
      verified=True, note="A级及以上 = A, AA or AAA; " + XCHK.format(what="A级 of GB/T 51129", other="CNB21 5.2.1.4")),
    T("5.1.5", "JGJ/T 129; JGJ 176; GB/T 51141",
      q("需符合《既有居住建筑节能改造技术规程》（JGJ/T129）、《公共建筑节能改造技术规范》（JGJ176）、《既有建筑绿色改造评价标准》（GB/T51141）等标准"),
      note=NOCHECK + " (CNB21 5.2.1.5 cites GB/T 51141 only as an example)"),
    T("5.1.6", "SB/T 11164", q("需达到《绿色仓储要求与评价》（SB/T11164）等标准"),
      verified=True, note=XCHK.format(what="SB/T 11164", other="CNB21 5.2.1.6 (as an example there)")),
    # 5.2.x 绿色交通
    T("5.2.7", "JT/T 711", q("购置车辆应符合《营运客车燃料消耗量限值及测量方法》（JT/T711）等标准"),
      applies="车辆|公交车|客车|购车", note=NOCHECK),
    T("5.2.10", "TB/T 10429", q("铁路场所建设需达到《绿色铁路客站评价标准》（TB/T10429）相关要求"),
      applies="场站|车站|客站|站房", verified=True, note=XCHK.format(what="TB/T 10429", other="CNB21 5.5.2.1")),
    # 5.3.x 环境基础设施
    E("5.3.1", "GB 18918", q("设施建设、运行需符合《城镇污水处理厂污染物排放标准》（GB18918）等标准要求"), note=NOCHECK),
    T("5.3.1", "GB 4284; GB/T 24188; GB/T 23485; GB/T 24602; GB/T 24600; CJ/T 510",
      q("污泥处理处置需符合《农用污泥中污染物控制标准》（GB4284）", "等标准"), applies="污泥", note=NOCHECK),
    E("5.3.2", "GB 18485", q("设施运行需符合《生活垃圾焚烧污染控制标准》（GB18485）等标准"),
      note=NOCHECK + "; GB 18485 concerns incineration, 等标准 covers the other treatment routes"),
    T("5.3.3", "相关标准", q("监测及检测仪器设备需符合相关标准要求"), note=NOCHECK + "; no standard is named"),
    # 5.6.x 园林绿化
    T("5.6.1", "GB 51192", q("建设内容需符合《公园设计规范》（GB51192）等相关要求"), note=NOCHECK),
    T("5.6.2", "《绿道规划设计导则》", q("符合《绿道规划设计导则》等相关要求"), note=NOCHECK),
    T("5.6.3", "CJJ/T 85", q("相关建设内容需符合《城市绿地分类标准》（CJJ/T85）等相关要求"), note=NOCHECK),
    T("5.6.4", "CJJ 75", q("相关建设内容应符合《城市道路绿化规划与设计规范》（CJJ75）等相关要求"), note=NOCHECK),
    T("5.6.5", "CJJ/T 85", q("应符合《城市绿地分类标准》（CJJ/T85）等相关要求"), note=NOCHECK),
    T("5.6.6", "CJJ/T 236", q("相关建设内容应符合《垂直绿化工程技术规程》（CJJ/T236）等相关要求"), note=NOCHECK),
    # 6.x 绿色服务
    P("6.2.7", "发改运行规〔2017〕1690号", q("需符合《电力需求侧管理办法（修订版）》（发改运行规〔2017〕1690号）"), note=NOCHECK),
    T("6.3.4", "DZ/T 0286", q("评估工作要符合《地质灾害危险性评估规范》（DZ/T0286）等国家标准和要求"), note=NOCHECK),
    T("6.5.1", "相关产品国家能效标准、行业标准或认证技术规范",
      q("产品应符合相关产品的国家能效标准、行业标准或者认证技术规范要求"), note=NOCHECK + "; no standard is named"),
    T("6.5.2", "相关产品低碳产品国家标准、评价标准或技术规范",
      q("产品的温室气体排放量应符合相关产品的低碳产品国家标准、评价标准或者技术规范要求"), note=NOCHECK + "; no standard is named"),
    T("6.5.3", "相关产品节水产品标准、技术规范",
      q("产品的节水效果应符合相关产品的节水产品标准、技术规范等强制性要求"), note=NOCHECK + "; no standard is named"),
    T("6.5.4", "相关产品环境标准", q("产品的环境影响应符合相关产品的环境标准和环境保护要求"),
      note=NOCHECK + "; no standard is named"),
    P("6.5.5", "《有机产品认证管理办法》", q("认证过程应符合《有机产品认证管理办法》"), note=NOCHECK),
    T("6.5.5", "相关有机产品国家标准", q("食品应符合相关有机产品国家标准"),
      note=NOCHECK + "; no standard number is given (CNB21 6.5.1.5 names GB/T 19630)"),
    P("6.5.6", "《绿色食品标志管理法》", q("认证过程应符合《绿色食品标志管理法》"),
      note=NOCHECK + "; the document title is as transcribed (the regulation is usually cited as 《绿色食品标志管理办法》)"),
    L("6.5.7", "《国家工业固体废物资源综合利用产品目录》; 《再制造产品目录》",
      q("包括水泥、砖瓦等列入《国家工业固体废物资源综合利用产品目录》产品的资源综合利用产品认定和推广，以及纳入《再制造产品目录》的再制造产品的认定和推广"),
      verified=True, note=XCHK.format(what="both product lists", other="CNB21 6.5.1.7")),
    T("6.5.7", "相应国家标准、行业标准或技术规范", q("认证过程符合相应的国家标准、行业标准或者技术规范要求"),
      note=NOCHECK + "; no standard is named"),
    P("6.5.8", "《绿色建材评价标识管理办法实施细则》; 《绿色建材评价技术导则》",
      q("绿色建材认证应严格按照《绿色建材评价标识管理办法实施细则》、《绿色建材评价技术导则》等的要求进行"), note=NOCHECK),
]

# ---------------------------------------------------------------------------
# 《绿色债券支持项目目录（2021年版）》 — leaf items are fourth level
# ---------------------------------------------------------------------------
_PV21 = ("unverified: numbers from the 2021 transcription only; the 2019 edition sets different thresholds, "
         "so no cross-check was possible and the official PDF was not retrieved")
_PVSPEC = ("; same values and wording as the new-build thresholds of 《光伏制造行业规范条件（2018年本）》 "
           "(news.solarbe.com), which the text copies")
CNB21: list[C] = [
    # 1.1.1.x 高效节能装备制造
    G("1.1.1.1", "<=", 2, "GB 24500 2级",
      q("工业锅炉能效达到或优于《工业锅炉能效限定值及能效等级》（GB 24500）能效标准2 级及以上能效等级"),
      applies="工业锅炉", verified=True,
      note="达到或优于 2级及以上 → grade 1 or 2; " + XCHK.format(what="grade 2 of GB 24500", other="CNI19 1.1.1 (which reads 优于, i.e. < 2)")),
    B("1.1.1.1", "相关设备技术规范热效率指标目标值",
      q("其他锅炉能效达到或优于相关设备技术规范热效率指标目标值要求"),
      applies="电站锅炉|船用锅炉", verified=True,
      note="其他锅炉 = boilers other than industrial boilers; " + XCHK.format(what="the thermal-efficiency target value", other="CNI19 1.1.1 (TSG G0002)")),
    E("1.1.1.1", "GB 13271; 地方锅炉排放要求",
      q("所有锅炉设备都需要符合《锅炉大气污染排放标准》（GB 13271）以及地方对锅炉排放的要求"),
      verified=True, note=XCHK.format(what="GB 13271", other="CNI19 1.1.1") + "; title as transcribed (锅炉大气污染物排放标准)"),
    B("1.1.1.10", "相关规范目标值", q("热交换器能效等级达到相关规范目标值的要求"),
      applies="换热器|热交换器", verified=True, note=XCHK.format(what="the target-value requirement", other="CNI19 1.1.10 (TSG R0010)")),
    T("1.1.1.10", "GB/T 1028", q("余能利用应依据《工业余能资源评价方法》（GB/T 1028）等国家标准要求开展"), note=NOCHECK),
    G("1.1.1.11", "<=", 1, "GB 21455 1级; GB 12021.2 1级; GB 12021.4 1级; GB 24850 1级; GB 12021.9 1级",
      q("节能型产品能效达到或优于《房间空气调节器能效限定值及能效等级》（GB 21455）", "等国家标准一级能效"),
      verified=True, note=XCHK.format(what="grade 1 for household appliances", other="CNI19 1.1.11")),
    G("1.1.1.12", "<=", 1, "相关能效标准 1级", q("相关节能设备能效达到或优于相关能效标准一级能效"),
      verified=True, note=XCHK.format(what="grade 1 for commercial equipment", other="CNI19 1.1.12")),
    T("1.1.1.13", "GB 30255; GB 37478; GB 38450; GB 17896; GB 19574; GB 20053; GB 29143",
      q("相关产品应符合《室内照明用LED 产品能效限定值及能效等级》（GB 30255）"),
      note=TRUNC + "; the standard list is completed from the transcription's [技术标准] tag"),
    T("1.1.1.14", "GB 17167", q("能源计量器具应符合《用能单位能源计量器具配备和管理通则》（GB 17167）的要求"), note=NOCHECK),
    B("1.1.1.3", "相关能效标准节能评价值", q("节能泵设备能效指标达到或优于相关能效标准节能评价值或一级能效"),
      group="A", verified=True, note="alternative to grade 1 (any_group A); " + XCHK.format(what="节能评价值", other="CNI19 1.1.3")),
    G("1.1.1.3", "<=", 1, "相关能效标准 1级", q("节能泵设备能效指标达到或优于相关能效标准节能评价值或一级能效"),
      group="A", verified=True, note="alternative to 节能评价值 (any_group A); " + XCHK.format(what="grade 1 for pumps", other="CNI19 1.1.3")),
    G("1.1.1.4", "<=", 1, "GB 19153 1级; GB 35971 1级",
      q("节能设备能效等级达到或优于《容积式空气压缩机能效限定值及节能评价值》（GB 19153）、"
        "《空气调节器用全封闭型电动机-压缩机能效限定值及能效等级》（GB 35971）等国家能效标准一级能效"),
      verified=True, note="其他节能气体压缩设备…满足对应能效要求 names no level and is not encoded separately; "
      + XCHK.format(what="grade 1 of GB 19153 and GB 35971", other="CNI19 1.1.4")),
    G("1.1.1.6", "<=", 1, "GB 19761 1级; GB 28381 1级",
      q("节能设备能效达到或优于《通风机能效限定值及节能评价值》（GB 19761）及《离心鼓风机能效限定值及节能评价值》（GB 28381）国家标准一级能效"),
      applies="风机", verified=True, note=XCHK.format(what="grade 1 of GB 19761 and GB 28381", other="CNI19 1.1.6")),
    G("1.1.1.8", "<=", 1, "GB 18613 1级; GB 30253 1级; GB 30254 1级",
      q("节能型电机设备能效达到或优于《电动机能效限定值及能效等级》（GB 18613）、《永磁同步电动机能效限定值及能效等级》（GB 30253）、"
        "《高压三相笼型异步电动机能效限定值及能效等级》（GB 30254）国家标准一级能效"),
      verified=True, note=XCHK.format(what="grade 1 of GB 18613, GB 30253 and GB 30254", other="CNI19 1.1.8")),
    G("1.1.1.9", "<=", 1, "GB 20052 1级",
      q("节能型电力变压器设备能效达到或优于《电力变压器能效限定值及能效等级》（GB 20052）国家标准一级能效"),
      applies="变压器", verified=True, note=XCHK.format(what="grade 1 for transformers", other="CNI19 1.1.9")),
    # 1.1.2.x / 1.1.3.x
    T("1.1.2.4", "GB/T 38903", q("并符合《工业园区物质流分析技术导则》（GB/T 38903）等国家标准要求"), note=NOCHECK),
    T("1.1.3.1", "GB 30255; GB 37478; GB 38450; GB 19043; GB 19415; GB 19044; GB 29142; GB 29144; GB 19573; GB 20054; GB 31276",
      q("相关照明产品应符合《室内照明用LED 产品能效限定值及能效等级》（GB 30255）"),
      note=TRUNC + "; the standard list is completed from the transcription's [技术标准] tag"),
    # 1.2.1.1
    T("1.2.1.1", "国家、行业绿色建材产品评价技术要求",
      q("产品相关性能和技术指标应符合国家、行业相应绿色建材产品评价技术要求"),
      note=NOCHECK + "; 玻璃外墙制品应减少光污染 gives no measurable condition and is not encoded"),
    # 1.3.x 污染防治
    T("1.3.1.1", "GB 37483; GB 37485; GB/T 38220",
      q("并符合《污水处理用旋转曝气机能效限定值及能效等级》（GB 37483）", "等国家标准要求"),
      note=NOCHECK + "; the sentence opens with 鼓励达到…名录 (encouraged, not encoded); the 并符合 clause is read as required"),
    T("1.3.1.2", "GB 37484; GB/T 33017",
      q("并符合《除尘器能效限定值及能效等级》（GB 37484）、《高效能大气污染物控制装备评价技术要求》（GB/T 33017）等国家标准要求"),
      note=NOCHECK + "; the sentence opens with 鼓励达到…名录 (encouraged, not encoded); the 并符合 clause is read as required"),
    T("1.3.1.8", "GB/T 35254; GB/T 38219",
      q("以及列入《环境保护综合名录（2017 年版）》《国家鼓励发展的重大环保装备技术目录（2017 年版）》，并符合《烟气集成净化专用碳基产品》（GB/T 35254）、"
        "《烟气脱硝催化剂检测技术规范》（GB/T 38219）等国家标准的设备制造及贸易活动"),
      applies="碳基|催化剂", note=NOCHECK + "; concerns the additional listed equipment the text brings into scope"),
    N("1.3.2.1", "water_quality_class", "<=", "3", "", "Ⅲ类及以上",
      q("开展的江河源头和Ⅲ类及以上水质江河湖库"), applies="江河|河流|湖泊|湖库|水库", verified=True,
      note="Ⅲ类及以上 = class III or better; " + XCHK.format(what="class III", other="CNI19 1.6.1")),
    P("1.3.2.3", "《城市黑臭水体整治工作指南》（2015年）; 《城市黑臭水体整治——排水口、管道及检查井治理技术指南》（2016年）",
      q("治理后水体水质需符合《城市黑臭水体整治工作指南》（2015 年公布）", "等技术规范和管理文件要求"),
      verified=True, note=XCHK.format(what="《城市黑臭水体整治工作指南》", other="CNI19 1.6.3")),
    E("1.3.3.1", "新的能效和污染物排放标准",
      q("通过符合新的能效和污染物排放标准的车辆更新淘汰老旧高能耗、高排放运营车辆"), applies="车辆|汽车|客车|货车|公交",
      note=NOCHECK + "; no standard is named"),
    T("1.3.4.1", "相关规划用地土壤环境质量要求",
      q("使建设用地土壤质量符合相关规划用地土壤环境质量要求"), note=NOCHECK + "; no standard is named"),
    T("1.3.5.2", "农村生活污水处理设施运行效果评价技术要求相关国家标准",
      q("农村污水处理设施应符合农村生活污水处理设施运行效果评价技术要求相关国家标准"), applies="污水",
      note=NOCHECK + "; no standard number is given"),
    # 1.5.x 资源综合利用
    T("1.5.1.6", "GB/T 17145; GB/T 23384; GB/T 27611; GB/T 32329",
      q("并符合《废润滑油回收与再生利用技术导则》（GB/T17145）", "等国家标准的要求"), note=NOCHECK),
    T("1.5.2.2", "GB/T 20862; GB/T 27873; GB/T 28744; GB/T 37821; GB/T 38926",
      q("并符合《产品可回收利用率计算方法导则》（GB/T 20862）", "等国家标准的要求"), note=NOCHECK),
    E("1.5.3.1", "环保要求", q("符合环保要求的垃圾焚烧电站建设运营"), applies="焚烧",
      note=NOCHECK + "; no standard is named"),
    # 1.6.1.x 绿色交通装备
    P("1.6.1.1", "《新能源汽车生产企业及产品准入管理规定》（工业和信息化部令第54号修订）",
      q("相关项目需符合《新能源汽车生产企业及产品准入管理规定》（中华人民共和国工业和信息化部令第54号修订）的要求"),
      note=NOCHECK),
    C("1.6.1.1", "qualitative", "vehicle_type", "not_in", "燃油", "", "",
      q("及新能源汽车和清洁能源汽车的贸易活动和购置消费"), applies="购置|购买|采购|消费|贸易|销售",
      note="unverified: greenkit's reading — the item covers 新能源汽车和清洁能源汽车 only, so a conventional fuel "
           "vehicle is out; the text gives no closed list of vehicle types"),
    T("1.6.1.2", "GB 50177; GB 50516; GB/T 34584",
      q("加氢站设计、施工、建设应符合《氢气站设计规范》（GB 50177）、《加氢站技术规范》（GB 50516）、《加氢站安全技术规范》（GB/T 34584）等国家标准的要求"),
      applies="加氢", note=NOCHECK),
    # 2.x 清洁生产
    T("2.1.1.1", "GB/T 36574; GB/T 34340; GB/T 34605; GB/T 34607",
      q("并符合《产业园区废气综合利用原则和要求》（GB/T 36574）", "等国家标准的要求"), note=NOCHECK),
    T("2.1.1.3", "GB/T 33759", q("并符合《高炉干法除尘灰回收利用技术规范》（GB/T 33759）等国家标准的要求"), note=NOCHECK),
    T("2.1.2.1", "GB/T 32327", q("并符合《工业废水处理与回用技术评价导则》（GB/T 32327）等国家标准的要求"), note=NOCHECK),
    T("2.1.2.2", "GB/T 36575", q("并符合《产业园区水的分类使用及循环利用原则和要求》（GB/T 36575）等国家标准的要求"), note=NOCHECK),
    T("2.1.3.1", "GB/T 38538; GB/T 38927",
      q("并符合《产业园区基础设施绿色化指标体系及评价方法》（GB/T 38538）、《焦炉煤气制取甲醇技术规范》（GB/T 38927）等国家标准的要求"),
      note=NOCHECK),
    L("2.1.3.2", "《石化绿色工艺名录（2019版）》",
      q("采用列入《石化绿色工艺名录（2019 版）》内工艺的化工、石油石化新建、改扩建项目"), applies="新建|改扩建|扩建",
      note=NOCHECK),
    L("2.2.1.1", "《种植业生产使用低毒低残留农药主要品种名录（2016）》",
      q("生产及在农业生产中使用符合《种植业生产使用低毒低残留农药主要品种名录（2016）》等国家和行业政策优先支持的高效低毒低残留品种农药的活动"),
      verified=True, note=XCHK.format(what="the 2016 pesticide list", other="CNI19 2.2.4")),
    E("2.3.1.1", "污染控制技术相关标准或政策",
      q("以及危险废物焚烧、高温熔融等无害化处理设施建设和运营，符合污染控制技术相关标准或政策"),
      applies="危险废物|焚烧|熔融", note=NOCHECK + "; no standard is named"),
    T("2.3.1.1", "GB/T 32328; GB/T 32326; GB/T 34911",
      q("并符合《工业固体废物综合利用产品环境与质量安全评价技术导则》（GB/T 32328）", "等国家标准的要求"),
      note="unverified: GB/T 32326 and GB/T 32328 are also cited by CNI19 2.5.1, GB/T 34911 only here"),
    T("2.3.1.3", "GB/T 38925", q("并符合《废复合包装分选质量要求》（GB/T 38925）等国家标准的要求"), note=NOCHECK),
    T("2.3.2.2", "GB/T 29750", q("并符合《废弃资源综合利用业环境管理体系实施指南》（GB/T 29750）等国家标准的要求"), note=NOCHECK),
    # 3.x 清洁能源
    N("3.2.1.1", "unit_capacity", ">=", "3", "MW", "",
      q("3 兆瓦及以上高原型、低温型、低风速风力发电机组配套的发电机、风轮叶片、轴承、电缆、变速箱、塔筒等关键零部件"),
      applies="高原|低温|低风速", verified=True,
      note="applies to components for these turbine types; " + XCHK.format(what="3 MW", other="CNI19 3.1.1")),
    P("3.2.1.2", "《光伏制造行业规范条件（2018年本）》（工业和信息化部公告〔2018〕第2号）",
      q("光伏发电设备制造企业和项目需符合《光伏制造行业规范条件（2018 年本）》（中华人民共和国工业和信息化部公告〔2018〕第2 号公布）要求"),
      applies="光伏", verified=True, note=XCHK.format(what="《光伏制造行业规范条件》", other="CNI19 3.1.2")),
    N("3.2.1.2", "cleaner_production_level", "<=", "1", "", "《光伏电池行业清洁生产评价指标体系》Ⅰ级",
      q("光伏电池生产需达到《光伏电池行业清洁生产评价指标体系》（国家发展和改革委员会环境保护部工业和信息化部公告〔2016〕第21 号公布）Ⅰ级水平"),
      applies="电池", verified=True, note=XCHK.format(what="Ⅰ级", other="CNI19 3.1.2")),
    N("3.2.2.2", "pv_cell_efficiency", ">=", "19", "percent", "",
      q("（1）多晶硅电池和单晶硅电池的最低光电转换效率分别不低于19%和21%"), applies="多晶", note=_PV21 + _PVSPEC),
    N("3.2.2.2", "pv_cell_efficiency", ">=", "21", "percent", "",
      q("（1）多晶硅电池和单晶硅电池的最低光电转换效率分别不低于19%和21%"), applies="单晶", note=_PV21 + _PVSPEC),
    N("3.2.2.2", "pv_module_efficiency", ">=", "17", "percent", "",
      q("（2）多晶硅电池组件和单晶硅电池组件的最低光电转换效率分别不低于17%和17.8%"), applies="多晶", note=_PV21),
    N("3.2.2.2", "pv_module_efficiency", ">=", "17.8", "percent", "",
      q("（2）多晶硅电池组件和单晶硅电池组件的最低光电转换效率分别不低于17%和17.8%"), applies="单晶", note=_PV21),
    N("3.2.2.2", "pv_module_efficiency", ">=", "12", "percent", "",
      q("（3）硅基、CIGS、CdTe 及其他薄膜电池组件的最低光电转换效率分别不低于12%、14%、14%、12%"),
      applies="硅基", note=_PV21),
    N("3.2.2.2", "pv_module_efficiency", ">=", "14", "percent", "",
      q("（3）硅基、CIGS、CdTe 及其他薄膜电池组件的最低光电转换效率分别不低于12%、14%、14%、12%"),
      applies="CIGS|铜铟镓硒", note=_PV21),
    N("3.2.2.2", "pv_module_efficiency", ">=", "14", "percent", "",
      q("（3）硅基、CIGS、CdTe 及其他薄膜电池组件的最低光电转换效率分别不低于12%、14%、14%、12%"),
      applies="CdTe|碲化镉", note=_PV21),
    N("3.2.2.2", "pv_module_efficiency", ">=", "12", "percent", "",
      q("（3）硅基、CIGS、CdTe 及其他薄膜电池组件的最低光电转换效率分别不低于12%、14%、14%、12%"),
      applies="薄膜", note=_PV21 + "; evaluated for every thin-film text, the stricter CIGS/CdTe criteria apply in addition"),
    N("3.2.2.2", "pv_first_year_degradation", "<=", "2.5", "percent", "",
      q("（4）多晶硅电池组件和单晶硅电池组件衰减率首年分别不高于2.5%和3%"), applies="多晶", note=_PV21),
    N("3.2.2.2", "pv_first_year_degradation", "<=", "3", "percent", "",
      q("（4）多晶硅电池组件和单晶硅电池组件衰减率首年分别不高于2.5%和3%"), applies="单晶", note=_PV21),
    N("3.2.2.2", "pv_annual_degradation", "<=", "0.7", "percent", "",
      q("多晶硅电池组件和单晶硅电池组件衰减率首年分别不高于2.5%和3%，后续每年不高于0.7%"), applies="多晶|单晶", note=_PV21),
    N("3.2.2.2", "pv_lifetime_degradation", "<=", "20", "percent", "",
      q("后续每年不高于0.7%，25 年内不高于20%"), applies="多晶|单晶", note=_PV21 + "; period: 25 years"),
    N("3.2.2.2", "pv_first_year_degradation", "<=", "5", "percent", "",
      q("薄膜电池组件衰减率首年不高于5%"), applies="薄膜", note=_PV21),
    N("3.2.2.2", "pv_annual_degradation", "<=", "0.4", "percent", "",
      q("薄膜电池组件衰减率首年不高于5%，后续每年不高于0.4%"), applies="薄膜", note=_PV21),
    N("3.2.2.2", "pv_lifetime_degradation", "<=", "15", "percent", "",
      q("后续每年不高于0.4%，25 年内不高于15%"), applies="薄膜", note=_PV21 + "; period: 25 years"),
    L("3.2.2.4", "国家可再生能源规划等规划的重点大型水电项目",
      q("仅含列入国家可再生能源规划等规划的重点大型水电项目"), verified=True,
      note="对生态环境无重大影响前提下 gives no measurable condition and is not encoded; " + XCHK.format(
          what="restriction to key large hydropower projects of the national plan", other="CNI19 3.2.4")),
    N("3.2.2.5", "nuclear_technology_generation", ">=", "3", "", "",
      q("采用第三代和第四代核电技术发电的设施建设和运营"),
      note=NOCHECK + "; 在保障环境安全前提下 gives no measurable condition and is not encoded"),
    T("3.2.2.8", "GB 4962; GB/T 29729", q("氢安全应符合《氢气使用安全技术规程》（GB 4962）和《氢系统安全的基本要求》（GB/T 29729）等国家标准要求"),
      note=NOCHECK),
    T("3.2.2.8", "GB/T 19774; GB/T 37563",
      q("水电解制氢应符合《水电解制氢系统技术要求》（GB/T 19774）和《压力型水电解制氢系统安全要求》（GB/T37563）等国家标准要求"),
      applies="电解", note=NOCHECK),
    T("3.2.2.8", "GB/T 29412; GB/T 19773",
      q("变压吸附提纯制氢应符合《变压吸附提纯氢用吸附器》（GB/T29412）和《变压吸附提纯氢系统技术要求》（GB/T 19773）等国家标准要求"),
      applies="变压吸附|PSA", note=NOCHECK),
    T("3.2.2.8", "GB/T 26466; GB/T 34542",
      q("氢储运应符合《固定式高压储氢用钢带错绕式容器》（GB/T 26466）和《氢气储存输送系统"),
      applies="储运|储氢|输氢|运氢|储存|运输",
      note=TRUNC + "; the second standard is read from the [技术标准] tag order and is not confirmed by the text"),
    T("3.2.2.8", "GB/T 34583; GB 50177; GB 50516; GB/T 34584; GB/T 29124; GB/T 31139; GB/Z 34541; GB/T 34537; GB/T 37244; GB/T 29123; GB/T 24549; GB/T 27748",
      q("氢储运应符合《固定式高压储氢用钢带错绕式容器》（GB/T 26466）和《氢气储存输送系统"),
      note=TRUNC + ": these standards are listed only in the [技术标准] tag; the clauses saying what they apply to "
           "are missing, so applicability must be judged from the official text"),
    N("3.2.3.1", "comprehensive_energy_efficiency", ">=", "70", "percent", "", q("设施综合能效应大于等于70%"),
      applies="终端|三联供|微网|一体化供能", note=NOCHECK + "; applies to end-user integrated energy supply systems"),
    N("3.2.3.1", "wind_curtailment_rate", "<=", "5", "percent", "", q("系统弃风率控制应在5%以内"),
      applies="风电|风能|弃风", note=NOCHECK + "; 以内 includes 5%; applies to large multi-energy bases"),
    N("3.2.3.1", "solar_curtailment_rate", "<=", "3", "percent", "", q("弃光率应控制在3%以内"),
      applies="光伏|太阳能|弃光", note=NOCHECK + "; 以内 includes 3%; applies to large multi-energy bases"),
    B("3.2.3.4", "GB/T 33757.1 节能率",
      q("天然气或其他化石能源驱动的分布式冷热电三联供能源系统和工程项目的节能率要求应符合《分布式冷热电能源系统的节能率第1 部分：化石能源驱动系统》（GB/T 33757.1）要求"),
      applies="三联供|冷热电", note=NOCHECK + "; the energy-saving-rate limits are in GB/T 33757.1, not in the catalogue text"),
    T("3.2.3.4", "GB/T 36160.1; GB/T 36160.2",
      q("相关系统和工程项目的制冷、供热单元和动力单元应符合《分布式冷热电能源系统技术条件第1 部分：制冷和供热单元》（GB/T 36160.1）"
        "和《分布式冷热电能源系统技术条件第2 部分：动力单元》（GB/T 36160.2）等国家标准要求"),
      applies="三联供|冷热电", note=NOCHECK),
    # 4.x 生态环境
    N("4.1.1.2", "land_slope", "<", "25", "degree", "", q("禁止在25 度以上陡坡开垦、复垦耕地"),
      applies="开垦|复垦",
      note=NOCHECK + "; 25度以上 includes 25° (以上 包括本数 in Chinese legal drafting), so the allowed slope is below 25°"),
    T("4.1.1.3", "国家、行业相关政策、规范、标准",
      q("符合国家、行业相关政策、规范、标准的林业基因（遗传）资源保护工程"), note=NOCHECK + "; no standard is named"),
    T("4.1.3.1", "GB/T 19630.1～19630.4; 原农业部环境质量标准及7项通用准则性标准; 45项产品质量标准",
      q("产品及其生产环境需符合有效期内《有机产品》（GB/T19630.1- GB/T 19630.4）国家标准，原农业部环境质量标准和农药、肥料、兽药、"
        "饲料及饲料添加剂、食品添加剂、动物卫生等7 项通用准则性标准，以及45 项产品质量标准"),
      verified=True, note=XCHK.format(what="GB/T 19630 and the 7 + 45 standards", other="CNI19 4.1.2")),
    P("4.1.3.1", "《绿色食品标志管理办法》（农业部令〔2012〕第6号）",
      q("产品标注需符合原农业部《绿色食品标志管理办法》（中华人民共和国农业部令〔2012〕第6 号发布）"),
      applies="绿色食品", verified=True, note=XCHK.format(what="《绿色食品标志管理办法》", other="CNI19 4.1.2")),
    C("4.1.3.1", "qualitative", "certification_obtained", "is_true", "", "", "国际相关认证体系可持续证书",
      q("大宗绿色农产品贸易活动主要适用于获得国际相关认证体系可持续证书的农产品"), applies="贸易",
      note=NOCHECK + "; the text says 主要适用于 (mainly applies), so a missing certificate is a finding to review"),
    T("4.2.2.1", "GB/T 28951; GB/T 28952",
      q("以及符合《中国森林认证森林经营》（GB/T 28951）、《中国森林认证产销监管链》（GB/T 28952）等相关标准要求的可持续经营活动"),
      applies="可持续经营|森林认证|认证", note=NOCHECK + "; concerns the sustainable-management activities the text adds"),
    T("4.2.2.2", "GB/T 28951; LY/T 2273",
      q("以及符合《中国森林认证森林经营》（GB/T 28951）、《中国森林认证非木质林产品经营》（LY/T 2273）等相关标准要求的绿色产品溯源体系建设"),
      applies="溯源|绿色产品|认证", note=NOCHECK + "; concerns the traceability / green-product activities the text adds"),
    T("4.2.2.4", "GB/T 28951",
      q("以及符合《中国森林认证森林经营》（GB/T 28951）及相关标准要求的可持续经营活动"),
      applies="可持续经营|森林认证|认证", note=NOCHECK + "; concerns the sustainable-management activities the text adds"),
    T("4.2.2.5", "GB/T 28951; LY/T 2239; LY/T 2277; LY/T 2279",
      q("以及在允许的区域内符合《中国森林认证森林经营》（GB/T 28951）", "等相关标准要求的可持续经营活动"),
      applies="可持续经营|森林认证|认证", note=NOCHECK + "; concerns the sustainable-management activities the text adds"),
    # 5.x 基础设施绿色升级
    P("5.1.1.1", "清洁取暖要求", q("从而达到清洁取暖要求的城镇集中供热设施建设"),
      applies="替代|散煤|燃煤锅炉", note=NOCHECK + "; no document is named"),
    T("5.2.1.1", "GB/T 51350", q("建筑技术指标需符合《近零能耗建筑技术标准》（GB/T 51350）要求"),
      note=NOCHECK + " (CNI19 5.1.1 cites the 被动式超低能耗绿色建筑技术导则 instead)"),
    N("5.2.1.2", "green_building_star", ">=", "1", "", "GB/T 50378 星级",
      q("建筑施工图预评价达到有效期内绿色建筑星级标准", "达到有效期内国家相关绿色建筑运营评价标识星级标准"),
      note="unverified: the text names no star level; greenkit reads 星级标准 as at least one star (基本级 is not a 星级); "
           "CNI19 5.1.2 states 一星及以上"),
    N("5.2.1.4", "prefabricated_building_grade", "in", "A|AA|AAA", "", "GB/T 51129 A级",
      q("建筑相关技术指标达到有效期内《装配式建筑评价标准》（GB/T 51129）中A 级及以上标准要求"),
      verified=True, note="A级及以上 = A, AA or AAA; " + XCHK.format(what="A级 of GB/T 51129", other="CNI19 5.1.4")),
    T("5.2.1.5", "国家或地方相关建筑节能标准（如 GB 50352; GB 50189; GB/T 51141）",
      q("改造后建筑相关技术指标符合国家或地方相关建筑节能标准的既有建筑物节能改造活动、建筑用能系统节能改造活动有关要求"),
      group="A", note=NOCHECK + "; alternative to a green-building star label (any_group A); the GB numbers are the text's examples (例如)"),
    N("5.2.1.5", "green_building_star", ">=", "1", "", "国家相关绿色建筑星级标识",
      q("获得有效期内国家相关绿色建筑星级标识的既有建筑改造和运营及购置消费", "改造后达到有效期内国家相关绿色建筑星级标识的既有建筑改造和运营及购置消费"),
      group="A", note="unverified: no star level in the text; greenkit reads 星级标识 as at least one star; "
                       "alternative to meeting building energy-saving standards (any_group A)"),
    N("5.2.1.6", "green_building_star", ">=", "1", "", "国家相关绿色建筑评价标识",
      q("并达到国家相关绿色建筑评价标识水平标准的物流仓储场所的建筑建设、运营及改造活动"),
      note="unverified: no star level in the text; greenkit reads 绿色建筑评价标识水平 as at least one star; "
           "SB/T 11164 is cited only as an example (例如) and not encoded"),
    T("5.5.2.1", "TB/T 10429", q("铁路场站需达到《绿色铁路客站评价标准》（TB/T 10429）相关标准要求"),
      applies="场站|车站|客站|站房", verified=True, note=XCHK.format(what="TB/T 10429", other="CNI19 5.2.10")),
    # 6.x 绿色服务
    T("6.2.1.1", "GB/T 23331; GB/T 29456",
      q("能源管理体系建设应符合《能源管理体系要求》（GB/T 23331）、《能源管理体系实施指南》（GB/T 29456）等国家标准的要求"),
      note=NOCHECK),
    T("6.2.1.2", "GB/T 24915", q("并符合《合同能源管理技术通则》（GB/T 24915）等国家标准的要求"), note=NOCHECK),
    T("6.2.2.4", "GB/T 32151", q("碳排放核算应符合《温室气体排放核算与报告要求》（GB/T 32151）等国家标准的要求"),
      applies="核算|排放数据", note=NOCHECK),
    T("6.2.2.4", "GB/T 33755; GB/T 33756; GB/T 33760",
      q("基于减排项目的温室气体减排量评估工作参照《基于项目的温室气体减排量评估技术规范钢铁行业余能利用》（GB/T 33755）", "等国家标准的要求"),
      applies="减排量", note=NOCHECK + "; the text says 参照 (by reference)"),
    T("6.3.1.1", "GB/T 13234; GB/T 28750; GB/T 17166",
      q("并符合《用能单位节能量计算方法》（GB/T 13234）、《节能量测量和验证技术通则》（GB/T 28750）、《能源审计技术通则》（GB/T 17166）等国家标准的要求"),
      note=NOCHECK),
    T("6.4.1.1", "GB/T 38692", q("符合《用能单位能耗在线监测技术要求》（GB/T 38692）等国家标准的要求"), note=NOCHECK),
    T("6.4.1.5", "GB/T 36578", q("符合《产业园区循环经济信息化公共平台数据接口规范》（GB/T 36578）等国家标准的要求"), note=NOCHECK),
    T("6.5.1.5", "GB/T 19630.1～19630.4",
      q("产品及其生产环境符合有效期内《有机产品》（GB/T 19630.1- GB/T 19630.4）等国家标准要求的农产品有机食品认证和推广"),
      verified=True, note=XCHK.format(what="GB/T 19630 for organic products", other="CNI19 4.1.2 (CNI19 6.5.5 names no number)")),
    T("6.5.1.6", "绿色食品相关生态环境标准、生产操作规程、质量和卫生标准",
      q("产品或产品原料产地符合有效期内绿色食品相关生态环境标准，加工生产过程符合绿色食品相关生产操作规程，产品符合绿色食品相关质量和卫生标准"),
      note=NOCHECK + "; no standard number is given"),
    T("6.5.1.4", "特定环保要求", q("符合特定环保要求的环境标志产品认证和推广服务"),
      note=NOCHECK + "; no standard is named (CNI19 6.5.4: 相关产品的环境标准和环境保护要求)"),
    L("6.5.1.7", "《国家工业固体废物资源综合利用产品目录》（2018年）; 《再制造产品目录》",
      q("列入《国家工业固体废物资源综合利用产品目录》（2018 年公布）产品的资源综合利用产品认定和推广服务，以及纳入有效期内《再制造产品目录》的再制造产品的认定和推广服务"),
      verified=True, note=XCHK.format(what="both product lists", other="CNI19 6.5.7")),
    T("6.5.1.8", "国家、行业、地方绿色建材评价相关政策、标准、规范",
      q("符合有效期内国家、行业、地方绿色建材评价相关政策、标准、规范要求的节能玻璃、薄型瓷砖、砌体材料等绿色建材的认证和推广服务"),
      note=NOCHECK + "; no standard is named"),
]


# ---------------------------------------------------------------------------
# reading the reference texts
# ---------------------------------------------------------------------------
def load_2019() -> dict[str, str]:
    texts: dict[str, str] = {}
    with CAT19.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            m = re.match(r"(\d+\.\d+\.\d+)", row["目录"])
            if not m:
                raise SystemExit(f"{CAT19}: cannot read an item code from {row['目录']!r}")
            texts[m.group(1)] = row["说明"]
    return texts


def load_2021() -> dict[str, str]:
    doc = yaml.safe_load(CAT21.read_text(encoding="utf-8"))
    texts: dict[str, str] = {}
    for cit in doc["citations"]:
        code = cit["section"].split()[-1]
        if code.count(".") == 3:
            # drop the transcription's [技术标准: …] tag; keep the criteria text itself
            texts[code] = re.sub(r"\s*\[技术标准:[^\]]*\]\s*$", "", cit["text"])
    return texts


# ---------------------------------------------------------------------------
# checks
# ---------------------------------------------------------------------------
def load_fields() -> dict[str, dict]:
    fields: dict[str, dict] = {}
    for path in sorted(glob.glob(str(FIELDS_DIR / "*.yaml"))):
        doc = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        for f in doc.get("fields", []):
            if f["name"] in fields:
                raise SystemExit(f"field {f['name']} declared twice ({path})")
            fields[f["name"]] = f
    return fields


def _unit_ok(unit: str) -> bool:
    try:
        from greenkit.units import is_unit  # type: ignore
        return bool(is_unit(unit))
    except ImportError:  # pragma: no cover - running outside the package
        import pint
        try:
            pint.UnitRegistry()(unit)
            return True
        except Exception:
            return False


def check(rows: list[dict], texts: dict[str, str], leaves: set[str], fields: dict[str, dict]) -> list[str]:
    problems: list[str] = []
    seen: set[str] = set()
    groups: dict[tuple[str, str], int] = {}
    for r in rows:
        cid, var, op, thr = r["criterion_id"], r["variable"], r["operator"], r["threshold"]
        where = f"{cid}:"
        if cid in seen:
            problems.append(f"{where} duplicate id")
        seen.add(cid)
        if r["item_code"] not in leaves:
            problems.append(f"{where} {r['item_code']} is not a leaf item of the catalogue")
        if r["kind"] not in {"quantitative", "qualitative"}:
            problems.append(f"{where} kind {r['kind']!r}")
        if op not in OPERATORS:
            problems.append(f"{where} unknown operator {op!r}")
        field = fields.get(var)
        if field is None and var not in CORE_VARIABLES:
            problems.append(f"{where} variable {var!r} is not declared in greenkit/fields/*.yaml")
        dtype = field["dtype"] if field else None
        if op == "is_true":
            if thr:
                problems.append(f"{where} is_true takes no threshold")
            if dtype and dtype != "bool":
                problems.append(f"{where} is_true on non-bool field {var}")
        elif op in {"in", "not_in"}:
            values = [v for v in thr.split("|") if v]
            if not values:
                problems.append(f"{where} {op} needs a |-separated list")
            allowed = field.get("allowed") if field else None
            if allowed and any(v not in allowed for v in values):
                problems.append(f"{where} values {values} not in allowed {allowed}")
        else:
            try:
                value = float(thr)
            except ValueError:
                problems.append(f"{where} threshold {thr!r} is not a number")
                value = None
            if dtype and dtype not in {"int", "float"}:
                problems.append(f"{where} {op} on {dtype} field {var}")
            if field and value is not None:
                lo, hi = field.get("min"), field.get("max")
                if (lo is not None and value < lo) or (hi is not None and value > hi):
                    problems.append(f"{where} threshold {value} outside [{lo}, {hi}] of {var}")
        if r["kind"] == "quantitative" and op == "is_true":
            problems.append(f"{where} quantitative criterion with is_true")
        if r["unit"]:
            if not _unit_ok(r["unit"]):
                problems.append(f"{where} unit {r['unit']!r} does not parse")
            if field and field.get("unit") and r["unit"] != field["unit"]:
                problems.append(f"{where} unit {r['unit']} differs from the field's {field['unit']}")
        elif field and field.get("unit") and op in COMPARISONS:
            problems.append(f"{where} threshold of {var} needs a unit ({field['unit']})")
        if r["verified"] not in {"true", "false"}:
            problems.append(f"{where} verified must be true/false")
        if r["verified"] == "false" and not r["note"]:
            problems.append(f"{where} unverified without a reason")
        if r["any_group"]:
            key = (r["item_code"], r["any_group"])
            groups[key] = groups.get(key, 0) + 1
        for kw in filter(None, r["applies_if_keywords"].split("|")):
            if kw != kw.strip():
                problems.append(f"{where} keyword {kw!r} has spaces")
    for (item, g), n in groups.items():
        if n < 2:
            problems.append(f"{item}: any_group {g} has a single member")
    return problems


def build(spec: list[C], short_id: str, texts: dict[str, str], source: str) -> list[dict]:
    rows: list[dict] = []
    counters: dict[str, int] = {}
    errors: list[str] = []
    for c in spec:
        text = texts.get(c.item)
        if text is None:
            errors.append(f"{short_id} {c.item}: no such item in the reference text")
            continue
        for frag in c.quote:
            if frag not in text:
                errors.append(f"{short_id} {c.item}: quote not found in the item text: {frag!r}")
        counters[c.item] = counters.get(c.item, 0) + 1
        rows.append({
            "criterion_id": f"{short_id}-{c.item}-C{counters[c.item]:02d}",
            "item_code": c.item,
            "kind": c.kind,
            "variable": c.var,
            "operator": c.op,
            "threshold": c.thr,
            "unit": c.unit,
            "standard": c.std,
            "applies_if_keywords": c.applies,
            "any_group": c.group,
            "text_zh": "……".join(c.quote),
            "source": source.format(code=c.item),
            "verified": "true" if c.verified else "false",
            "note": c.note or ("" if c.verified else NOCHECK),
        })
    if errors:
        raise SystemExit("\n".join(errors))
    order = {c: i for i, c in enumerate(sorted({r["item_code"] for r in rows},
                                               key=lambda code: tuple(int(x) for x in code.split("."))))}
    rows.sort(key=lambda r: (order[r["item_code"]], r["criterion_id"]))
    return rows


def render(rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def summary(name: str, rows: list[dict]) -> str:
    quant = sum(r["kind"] == "quantitative" for r in rows)
    ver = sum(r["verified"] == "true" for r in rows)
    items = len({r["item_code"] for r in rows})
    return (f"{name}: {len(rows)} criteria ({quant} quantitative, {len(rows) - quant} qualitative), "
            f"{items} items, {ver} verified / {len(rows) - ver} unverified")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only check; write nothing, fail if outputs are stale")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    fields = load_fields()
    t19, t21 = load_2019(), load_2021()
    leaves19 = set(t19)
    leaves21 = set(t21) | MISSING_21
    outputs = [
        (OUT19, build(CNI19, "CNI19", t19, SRC19), t19, leaves19, "CNI19"),
        (OUT21, build(CNB21, "CNB21", t21, SRC21), t21, leaves21, "CNB21"),
    ]
    failed = False
    for path, rows, texts, leaves, name in outputs:
        problems = check(rows, texts, leaves, fields)
        for p in problems:
            print(f"{name} {p}", file=sys.stderr)
        failed |= bool(problems)
        content = render(rows)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                print(f"{path} is stale; run tools/build_cn_criteria.py", file=sys.stderr)
                failed = True
        elif not problems:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        print(summary(name, rows))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
