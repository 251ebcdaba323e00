"""Build and self-check greenkit's carbon factor tables (taxonomies/factors/*.csv).

The numbers below were transcribed by hand from the sources named in each
table's `source` column (see ../README.md).  Several electricity series are
typed in twice, from independent copies, so that `check()` can catch a typo:
the CSVs are only written when every cross-check passes.

Run from the repository root:
    .venv/bin/python taxonomies/factors/_tools/build_factors.py
Deterministic: same input, same bytes out.  Stdlib only.
"""
from __future__ import annotations

import csv
import io
import sys
from decimal import Decimal as D
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------------------
# Regions
# ---------------------------------------------------------------------------
GRIDS = [  # (zh, en) in the announcement's order
    ("华北", "North China"), ("东北", "Northeast China"), ("华东", "East China"),
    ("华中", "Central China"), ("西北", "Northwest China"), ("南方", "South China (China Southern Grid area)"),
    ("西南", "Southwest China"),
]
GRID_EN = dict(GRIDS)

# province_zh, province_full, province_en, GB/T 2260 code, grid (per 2021 计算说明 表1 as transcribed), 简称, capital, extra aliases
PROVINCES = [
    ("北京", "北京市", "Beijing", "110000", "华北", "京", None, ""),
    ("天津", "天津市", "Tianjin", "120000", "华北", "津", None, ""),
    ("河北", "河北省", "Hebei", "130000", "华北", "冀", "石家庄", ""),
    ("山西", "山西省", "Shanxi", "140000", "华北", "晋", "太原", ""),
    ("内蒙古", "内蒙古自治区", "Inner Mongolia", "150000", "", "蒙", "呼和浩特", "内蒙|Nei Mongol"),
    ("辽宁", "辽宁省", "Liaoning", "210000", "东北", "辽", "沈阳", ""),
    ("吉林", "吉林省", "Jilin", "220000", "东北", "吉", "长春", ""),
    ("黑龙江", "黑龙江省", "Heilongjiang", "230000", "东北", "黑", "哈尔滨", ""),
    ("上海", "上海市", "Shanghai", "310000", "华东", "沪", None, ""),
    ("江苏", "江苏省", "Jiangsu", "320000", "华东", "苏", "南京", ""),
    ("浙江", "浙江省", "Zhejiang", "330000", "华东", "浙", "杭州", ""),
    ("安徽", "安徽省", "Anhui", "340000", "华东", "皖", "合肥", ""),
    ("福建", "福建省", "Fujian", "350000", "华东", "闽", "福州", ""),
    ("江西", "江西省", "Jiangxi", "360000", "华中", "赣", "南昌", ""),
    ("山东", "山东省", "Shandong", "370000", "华北", "鲁", "济南", ""),
    ("河南", "河南省", "Henan", "410000", "华中", "豫", "郑州", ""),
    ("湖北", "湖北省", "Hubei", "420000", "华中", "鄂", "武汉", ""),
    ("湖南", "湖南省", "Hunan", "430000", "华中", "湘", "长沙", ""),
    ("广东", "广东省", "Guangdong", "440000", "南方", "粤", "广州", ""),
    ("广西", "广西壮族自治区", "Guangxi", "450000", "南方", "桂", "南宁", "广西自治区"),
    ("海南", "海南省", "Hainan", "460000", "南方", "琼", "海口", ""),
    ("重庆", "重庆市", "Chongqing", "500000", "西南", "渝", None, ""),
    ("四川", "四川省", "Sichuan", "510000", "西南", "川|蜀", "成都", ""),
    ("贵州", "贵州省", "Guizhou", "520000", "南方", "贵|黔", "贵阳", ""),
    ("云南", "云南省", "Yunnan", "530000", "南方", "云|滇", "昆明", ""),
    ("西藏", "西藏自治区", "Tibet", "540000", "", "藏", "拉萨", "Xizang"),
    ("陕西", "陕西省", "Shaanxi", "610000", "西北", "陕|秦", "西安", ""),
    ("甘肃", "甘肃省", "Gansu", "620000", "西北", "甘|陇", "兰州", ""),
    ("青海", "青海省", "Qinghai", "630000", "西北", "青", "西宁", ""),
    ("宁夏", "宁夏回族自治区", "Ningxia", "640000", "西北", "宁", "银川", "宁夏自治区"),
    ("新疆", "新疆维吾尔自治区", "Xinjiang", "650000", "西北", "新", "乌鲁木齐", "新疆自治区"),
]
FUJIAN_CITIES = ["福州", "厦门", "莆田", "三明", "泉州", "漳州", "南平", "龙岩", "宁德"]
PROV_EN = {p[0]: p[2] for p in PROVINCES}
PROV_ORDER = [p[0] for p in PROVINCES if p[0] != "西藏"]  # the 30 provinces with a factor

# ---------------------------------------------------------------------------
# MEE/NBS 电力平均二氧化碳排放因子 (kgCO2/kWh = tCO2/MWh)
# Primary copy: edg127117/building-energy-carbon-platform
#   src/main/resources/carbon/electricity-average-factors.csv @13b65986
#   (3 x 38 values transcribed from the official attachments, with URLs)
# ---------------------------------------------------------------------------
PRIMARY = {
    2021: dict(全国="0.5568", 华北="0.7120", 东北="0.6012", 华东="0.5992", 华中="0.5354", 西北="0.5951", 南方="0.4326", 西南="0.2113",
               北京="0.5688", 天津="0.7355", 河北="0.7901", 山西="0.7222", 内蒙古="0.7025", 辽宁="0.5876", 吉林="0.5629", 黑龙江="0.6342",
               上海="0.5834", 江苏="0.6451", 浙江="0.5422", 安徽="0.7075", 福建="0.4711", 江西="0.5835", 山东="0.6838", 河南="0.6369",
               湖北="0.3672", 湖南="0.5138", 广东="0.4715", 广西="0.5154", 海南="0.4524", 重庆="0.4743", 四川="0.1255", 贵州="0.5182",
               云南="0.1235", 陕西="0.6336", 甘肃="0.4955", 青海="0.1326", 宁夏="0.6546", 新疆="0.6577"),
    2022: dict(全国="0.5366", 华北="0.6776", 东北="0.5564", 华东="0.5617", 华中="0.5395", 西北="0.5857", 南方="0.3869", 西南="0.2268",
               北京="0.5580", 天津="0.7041", 河北="0.7252", 山西="0.7096", 内蒙古="0.6849", 辽宁="0.5626", 吉林="0.4932", 黑龙江="0.5368",
               上海="0.5849", 江苏="0.5978", 浙江="0.5153", 安徽="0.6782", 福建="0.4092", 江西="0.5752", 山东="0.6410", 河南="0.6058",
               湖北="0.4364", 湖南="0.4900", 广东="0.4403", 广西="0.4044", 海南="0.4184", 重庆="0.5227", 四川="0.1404", 贵州="0.4989",
               云南="0.1073", 陕西="0.6558", 甘肃="0.4772", 青海="0.1567", 宁夏="0.6423", 新疆="0.6231"),
    2023: dict(全国="0.5306", 华北="0.6361", 东北="0.5122", 华东="0.5500", 华中="0.5271", 西北="0.5543", 南方="0.4042", 西南="0.2472",
               北京="0.5554", 天津="0.6796", 河北="0.6516", 山西="0.6634", 内蒙古="0.6479", 辽宁="0.4878", 吉林="0.4671", 黑龙江="0.5229",
               上海="0.5737", 江苏="0.5827", 浙江="0.4974", 安徽="0.6553", 福建="0.4211", 江西="0.5836", 山东="0.6191", 河南="0.5897",
               湖北="0.4044", 湖南="0.4976", 广东="0.4419", 广西="0.4476", 海南="0.3648", 重庆="0.5581", 四川="0.1564", 贵州="0.5683",
               云南="0.1333", 陕西="0.6335", 甘肃="0.4471", 青海="0.1796", 宁夏="0.6187", 新疆="0.6021"),
}

# Second copy for 2021 and 2022 (unattributed JS constants file found with the
# code-search tool, id 18672665361; values typed separately, trailing zeros as there)
JS_COPY = {
    "山东": ("0.6838", "0.641"), "新疆": ("0.6577", "0.6231"), "宁夏": ("0.6546", "0.6423"), "青海": ("0.1326", "0.1567"),
    "甘肃": ("0.4955", "0.4772"), "陕西": ("0.6336", "0.6558"), "云南": ("0.1235", "0.1073"), "贵州": ("0.5182", "0.4989"),
    "四川": ("0.1255", "0.1404"), "重庆": ("0.4743", "0.5227"), "海南": ("0.4524", "0.4184"), "广西": ("0.5154", "0.4044"),
    "广东": ("0.4715", "0.4403"), "湖南": ("0.5138", "0.49"), "湖北": ("0.3672", "0.4364"), "河南": ("0.6369", "0.6058"),
    "江西": ("0.5835", "0.5752"), "福建": ("0.4711", "0.4092"), "安徽": ("0.7075", "0.6782"), "浙江": ("0.5422", "0.5153"),
    "江苏": ("0.6451", "0.5978"), "上海": ("0.5834", "0.5849"), "黑龙江": ("0.6342", "0.5368"), "吉林": ("0.5629", "0.4932"),
    "辽宁": ("0.5876", "0.5626"), "内蒙古": ("0.7025", "0.6849"), "山西": ("0.7222", "0.7096"), "河北": ("0.7901", "0.7252"),
    "天津": ("0.7355", "0.7041"), "北京": ("0.5688", "0.558"),
    # regions were given there in tCO2/kWh (x1000 here)
    "华北": ("0.7120", "0.6776"), "东北": ("0.6012", "0.5564"), "华东": ("0.5992", "0.5617"), "华中": ("0.5354", "0.5395"),
    "西北": ("0.5951", "0.5857"), "南方": ("0.4326", "0.3869"), "西南": ("0.2113", "0.2268"),
}
# Second copy for 2023 (+ some 2022): tingfengy2000-creator/nengzhihe
#   operation_planning/data/carbon/emission_factors.json @e14c9f11 (cites 附件表1-表5)
NENGZHIHE_2023 = dict(全国="0.5306", 南方="0.4042", 北京="0.5554", 广东="0.4419", 黑龙江="0.5229", 天津="0.6796", 河北="0.6516",
                      山西="0.6634", 内蒙古="0.6479", 辽宁="0.4878", 吉林="0.4671", 上海="0.5737", 江苏="0.5827", 浙江="0.4974",
                      安徽="0.6553", 福建="0.4211", 江西="0.5836", 山东="0.6191", 河南="0.5897", 湖北="0.4044", 湖南="0.4976",
                      广西="0.4476", 海南="0.3648", 重庆="0.5581", 四川="0.1564", 贵州="0.5683", 云南="0.1333", 陕西="0.6335",
                      甘肃="0.4471", 青海="0.1796", 宁夏="0.6187", 新疆="0.6021")
NENGZHIHE_2022 = dict(全国="0.5366", 南方="0.3869", 广东="0.4403", 北京="0.5580", 黑龙江="0.5368")
# Third copy for 2023 regions: Zhaohh0706/Carbon-Footprint-LCA data/mee_2023_grid_factors.csv (西南 absent there)
LCA_2023 = dict(全国="0.5306", 华北="0.6361", 东北="0.5122", 华东="0.5500", 华中="0.5271", 西北="0.5543", 南方="0.4042")
# Press reports of the announcements (光明日报 via 163.com, 2023 data; 新京报 via daydaynews.cc, 2022 data)
NEWS_2023 = dict(全国="0.5306", 华北="0.6361", 东北="0.5122", 华东="0.5500", 华中="0.5271", 西北="0.5543", 南方="0.4042", 西南="0.2472")
NEWS_2023_PCT = dict(华北=-6.1, 东北=-8.0, 华东=-2.1, 华中=-2.3, 西北=-5.4, 南方=4.5, 西南=9.0)  # change vs 2022, %
NEWS_2022 = dict(全国="0.5366", 华北="0.6776", 西南="0.2268", 西北="0.5857", 华东="0.5617", 东北="0.5564", 华中="0.5395", 南方="0.3869",
                 河北="0.7252", 山西="0.7096", 天津="0.7041", 内蒙古="0.6849", 安徽="0.6782",
                 福建="0.4092", 广西="0.4044", 青海="0.1567", 四川="0.1404", 云南="0.1073")

# National factors excluding market-traded non-fossil power, and fossil-only
EXCL = {2021: "0.5942", 2022: "0.5856", 2023: "0.6096"}
FOSSIL = {2021: "0.8426", 2022: "0.8325", 2023: "0.8273"}

ANNOUNCEMENTS = {
    2021: dict(doc="生态环境部 国家统计局 公告2024年第12号（关于发布2021年电力二氧化碳排放因子的公告）", published="2024-04-12",
               url="https://www.mee.gov.cn/xxgk2018/xxgk/xxgk01/202404/W020240412827267102800.pdf",
               att="附件1《2021年电力二氧化碳排放因子》"),
    2022: dict(doc="生态环境部 国家统计局 公告2024年第33号（关于发布2022年电力二氧化碳排放因子的公告）", published="2024-12-20",
               url="https://www.mee.gov.cn/xxgk2018/xxgk/xxgk01/202412/t20241226_1099413.html",
               att="附件"),
    2023: dict(doc="生态环境部 国家统计局 公告2025年第47号（关于发布2023年电力二氧化碳排放因子的公告）", published="2025-12-31",
               url="https://www.mee.gov.cn/xxgk2018/xxgk/xxgk01/202512/W020251231726284332528.pdf",
               att="附件"),
}
PRIMARY_SRC = ("transcription of the official attachment in edg127117/building-energy-carbon-platform "
               "src/main/resources/carbon/electricity-average-factors.csv (commit 13b65986; cites {url})")


def table_ref(year: int, level: str) -> str:
    if year == 2021:
        return ANNOUNCEMENTS[2021]["att"]
    return {"national": "附件表1", "grid": "附件表2", "province": "附件表3"}[level]


def electricity_rows():
    rows = []
    for year in (2021, 2022, 2023):
        a = ANNOUNCEMENTS[year]
        p = PRIMARY[year]
        for name in ["全国"] + [g for g, _ in GRIDS] + PROV_ORDER:
            level = "national" if name == "全国" else ("grid" if name in GRID_EN else "province")
            en = "China (national)" if name == "全国" else (GRID_EN.get(name) or PROV_EN[name])
            seconds = []
            if year in (2021, 2022) and name in JS_COPY:
                seconds.append("an unattributed JS constants file (code index id 18672665361)")
            if year == 2023 and name in NENGZHIHE_2023:
                seconds.append("tingfengy2000-creator/nengzhihe operation_planning/data/carbon/emission_factors.json")
            if year == 2022 and name in NENGZHIHE_2022:
                seconds.append("tingfengy2000-creator/nengzhihe operation_planning/data/carbon/emission_factors.json")
            if year == 2023 and name in LCA_2023:
                seconds.append("Zhaohh0706/Carbon-Footprint-LCA data/mee_2023_grid_factors.csv")
            if year == 2023 and name in NEWS_2023:
                seconds.append("光明日报 report of the announcement (163.com)")
            if year == 2022 and name in NEWS_2022:
                seconds.append("新京报 report of the announcement (daydaynews.cc)")
            src = PRIMARY_SRC.format(url=a["url"])
            if seconds:
                src += "; agrees with " + "; ".join(seconds)
            note = f"{a['doc'].split('（')[0]} {table_ref(year, level)}; kgCO2/kWh in the source (= tCO2/MWh)"
            if year == 2022:
                note += "; announcement dated 2024-12-20, printed by the MEE General Office 2024-12-23, posted 2024-12-26"
            if name == "内蒙古":
                note += "; provincial value for the whole of Inner Mongolia (东部盟市 belong to the 东北 grid, 西部 to 华北)"
            rows.append(dict(series="mee-grid-average", region_zh=name, region_en=en, region_level=level, year=year,
                             value=p[name], unit="tCO2/MWh", document=a["doc"], published=a["published"],
                             source=src, verified="true", note=note))
        # national excluding market-traded non-fossil power; fossil-only
        for series, vals, label, tno in (
                ("mee-national-excl-market-nonfossil", EXCL, "全国电力平均二氧化碳排放因子（不包括市场化交易的非化石能源电量）", "附件表4"),
                ("mee-fossil-only", FOSSIL, "全国化石能源电力二氧化碳排放因子", "附件表5")):
            if year == 2021:
                src = ("not seen in a table copy; value from press reports: "
                       + ("深圳商报 szcbn.com/newsinfo/7157203.html" if series.startswith("mee-national")
                          else "新京报 via daydaynews.cc (2022 report quoting the 2021 value)")
                       + "; also listed as a published value in edg127117/building-energy-carbon-platform ElectricityFactorCatalogTest")
                verified, extra = "false", "; not checked against the official table"
            else:
                src = ("tingfengy2000-creator/nengzhihe operation_planning/data/carbon/emission_factors.json (cites "
                       f"{tno}, {a['url']}); agrees with "
                       + ("光明日报 report (163.com/reportify)" if year == 2023 else "新京报 report (daydaynews.cc)"))
                verified, extra = "true", ""
            rows.append(dict(series=series, region_zh="全国", region_en="China (national)", region_level="national", year=year,
                             value=vals[year], unit="tCO2/MWh", document=a["doc"], published=a["published"],
                             source=src, verified=verified,
                             note=f"{label}; {a['doc'].split('（')[0]} {tno if year != 2021 else a['att']}{extra}"))
    # national carbon market reporting factor — separate series
    rows.append(dict(series="ets-reporting", region_zh="全国", region_en="China (national)", region_level="national", year=2022,
                     value="0.5703", unit="tCO2/MWh",
                     document="生态环境部办公厅《关于做好2023—2025年发电行业企业温室气体排放报告管理有关工作的通知》（环办气候函〔2023〕43号）",
                     published="",
                     source="press report of the 通知: tanpaifang.com/tanguwen/2023/0215/94510.html (2023-02-15: '2022年度全国电网平均排放因子为0.5703tCO2/MWh')",
                     verified="false",
                     note=("national carbon market (ETS) grid factor for enterprises' 2022 reporting; not the MEE/NBS 电力二氧化碳排放因子 series — "
                           "do not mix; document number from shared/reference/README.md, not seen in the text; publication date not confirmed")))
    return rows


# ---------------------------------------------------------------------------
# Fuels
# ---------------------------------------------------------------------------
IPCC_DOC = ("IPCC 2006 Guidelines for National GHG Inventories, Vol.2 Ch.1 Table 1.2 (NCV), Table 1.3 (carbon content), "
            "Table 1.4 (CO2 EF, oxidation factor 1)")
IPCC_SRC = ("transcription of Tables 1.2-1.4 in a public build script 'build_verified_ipcc_ch1.py' (code index id 57962612721; "
            "states the values were checked against V2_1_Ch1_Introduction.pdf pp.1.18-1.24)")
T22_SRC = ("CH4/N2O: Vol.2 Ch.2 Table 2.2 (energy industries) as copied in a GreenLang 'FUELCRAFT' emissions module "
           "(code index id 17429973980)")
# fuel_id, zh, en, IPCC name, NCV GJ/t, C tC/TJ, CO2 tCO2/TJ (Table 1.4 as printed), CH4, N2O (kg/TJ, Table 2.2 energy ind.)
IPCC_FUELS = [
    ("crude_oil", "原油", "crude oil", "Crude Oil", "42.3", "20.0", "73.3", None, None),
    ("gasoline", "汽油", "motor gasoline", "Motor Gasoline", "44.3", "18.9", "69.3", None, None),
    ("jet_kerosene", "航空煤油", "jet kerosene", "Jet Kerosene", "44.1", "19.5", "71.5", None, None),
    ("kerosene", "其他煤油", "other kerosene", "Other Kerosene", "43.8", "19.6", "71.9", None, None),
    ("diesel", "柴油", "gas/diesel oil", "Gas/Diesel Oil", "43.0", "20.2", "74.1", "3", "0.6"),
    ("fuel_oil", "燃料油", "residual fuel oil", "Residual Fuel Oil", "40.4", "21.1", "77.4", "3", "0.6"),
    ("lpg", "液化石油气", "liquefied petroleum gases", "Liquefied Petroleum Gases", "47.3", "17.2", "63.1", None, None),
    ("naphtha", "石脑油", "naphtha", "Naphtha", "44.5", "20.0", "73.3", None, None),
    ("refinery_gas", "炼厂干气", "refinery gas", "Refinery Gas", "49.5", "15.7", "57.6", None, None),
    ("petroleum_coke", "石油焦", "petroleum coke", "Petroleum Coke", "32.5", "26.6", "97.5", None, None),
    ("anthracite", "无烟煤", "anthracite", "Anthracite", "26.7", "26.8", "98.3", None, None),
    ("coking_coal", "炼焦煤", "coking coal", "Coking Coal", "28.2", "25.8", "94.6", None, None),
    ("bituminous_coal", "烟煤", "other bituminous coal", "Other Bituminous Coal", "25.8", "25.8", "94.6", "1", "1.5"),
    ("sub_bituminous_coal", "次烟煤", "sub-bituminous coal", "Sub-Bituminous Coal", "18.9", "26.2", "96.1", None, None),
    ("lignite", "褐煤", "lignite", "Lignite", "11.9", "27.6", "101", None, None),
    ("coke", "焦炭", "coke oven coke and lignite coke", "Coke Oven Coke and Lignite Coke", "28.2", "29.2", "107", None, None),
    ("coke_oven_gas", "焦炉煤气", "coke oven gas", "Coke Oven Gas", "38.7", "12.1", "44.4", None, None),
    ("blast_furnace_gas", "高炉煤气", "blast furnace gas", "Blast Furnace Gas", "2.47", "70.8", "260", None, None),
    ("natural_gas", "天然气", "natural gas", "Natural Gas", "48.0", "15.3", "56.1", "1", "0.1"),
]
# Chinese defaults.  (fuel_id, zh, en, ncv, ncv_unit, C tC/TJ, oxidation, document, source, verified, note, README product)
CN_FUELS = [
    ("raw_coal", "原煤", "raw coal", "20.908", "GJ/t", "26.37", "0.94",
     "GB/T 32150/32151 family default (per shared/reference/README.md; the exact standard and table were not confirmed)",
     "shared/reference/README.md ('Carbon factors')", "false",
     "not checked against a standard text or a copy of its table", ("1.9003", "tCO2/t")),
    ("diesel", "柴油", "diesel", "42.652", "GJ/t", "20.20", "0.98",
     "GB/T 32150/32151 family default (per shared/reference/README.md; the exact standard and table were not confirmed)",
     "shared/reference/README.md ('Carbon factors')", "false",
     "not checked against a standard text or a copy of its table", ("3.0959", "tCO2/t")),
    ("gasoline", "汽油", "gasoline", "43.070", "GJ/t", "18.90", "0.98",
     "GB/T 32150/32151 family default (per shared/reference/README.md; the exact standard and table were not confirmed)",
     "shared/reference/README.md ('Carbon factors')", "false",
     "not checked against a standard text or a copy of its table", None),
    ("natural_gas", "天然气", "natural gas", "389.31", "GJ/(10**4*m**3)", "15.30", "0.99",
     "GB/T 32151.34—2024《温室气体排放核算与报告要求 第34部分：炭素材料生产企业》附录C 表C.1",
     "adgo07/GHGTOOL data-source/carbon_accounting/catalog.json (commit 0cd6ed37; factors natural_gas_*_gbt32151_34_c1: "
     "389.31 GJ/10^4Nm3, 0.0153 tC/GJ, 0.99, marked VERIFIED against 附录C表C.1); same figures in shared/reference/README.md",
     "true", "volume at standard conditions (10^4 Nm3); carbon content given there as 0.0153 tC/GJ", ("21.62", "tCO2/(10**4*m**3)")),
]


def fuel_rows():
    rows = []
    for fid, zh, en, ncv, unit, cc, ox, doc, src, ver, note, _ in CN_FUELS:
        rows.append(dict(parameter_set="cn-gbt32150", fuel_id=fid, fuel_zh=zh, fuel_en=en, ncv=ncv, ncv_unit=unit,
                         carbon_content=cc, oxidation=ox, co2_factor_tj="", ch4_kg_per_tj="", n2o_kg_per_tj="",
                         document=doc, source=src, verified=ver, note=note))
    for fid, zh, en, iname, ncv, cc, co2, ch4, n2o in IPCC_FUELS:
        src = IPCC_SRC + (("; " + T22_SRC) if ch4 else "")
        note = f"IPCC fuel name: {iname}; NCV per mass (TJ/Gg = GJ/t); oxidation factor 1 is the IPCC default"
        if ch4:
            note += "; CH4/N2O are the energy-industries defaults (Table 2.2); Tables 2.3-2.5 differ for other sectors"
        else:
            note += "; CH4/N2O left empty (not checked for this fuel)"
        rows.append(dict(parameter_set="ipcc-2006", fuel_id=fid, fuel_zh=zh, fuel_en=en, ncv=ncv, ncv_unit="GJ/t",
                         carbon_content=cc, oxidation="1", co2_factor_tj=co2, ch4_kg_per_tj=ch4 or "", n2o_kg_per_tj=n2o or "",
                         document=IPCC_DOC + ("; Vol.2 Ch.2 Table 2.2" if ch4 else ""), source=src, verified="true", note=note))
    return rows


# ---------------------------------------------------------------------------
# GWP100 (openclimatedata/globalwarmingpotentials globalwarmingpotentials.csv @0057adbe)
# ---------------------------------------------------------------------------
GWP = [  # gas, AR4, AR5, AR6
    ("CH4", "25", "28", "27.9"), ("N2O", "298", "265", "273"), ("SF6", "22800", "23500", "25200"),
    ("NF3", "17200", "16100", "17400"), ("HFC-23", "14800", "12400", "14600"), ("HFC-32", "675", "677", "771"),
    ("HFC-125", "3500", "3170", "3740"), ("HFC-134a", "1430", "1300", "1530"), ("HFC-143a", "4470", "4800", "5810"),
    ("HFC-152a", "124", "138", "164"), ("HFC-227ea", "3220", "3350", "3600"), ("HFC-236fa", "9810", "8060", "8690"),
    ("HFC-245fa", "1030", "858", "962"), ("HFC-365mfc", "794", "804", "914"), ("HFC-43-10mee", "1640", "1650", "1600"),
    ("CF4", "7390", "6630", "7380"), ("C2F6", "12200", "11100", "12400"), ("C3F8", "8830", "8900", "9290"),
    ("c-C4F8", "10300", "9540", "10200"), ("C4F10", "8860", "9200", "10000"), ("C6F14", "9300", "7910", "8620"),
]
GWP_TABLE = {"AR4": "IPCC AR4 WG1 Table 2.14", "AR5": "IPCC AR5 WG1 Table 8.A.1", "AR6": "IPCC AR6 WG1 Table 7.SM.7"}
GWP_VIA = {"AR4": "via openclimatedata/globalwarmingpotentials globalwarmingpotentials.csv (AR4GWP100 column, taken from the GHG Protocol GWP table of 2016-02-16)",
           "AR5": "via openclimatedata/globalwarmingpotentials globalwarmingpotentials.csv (AR5GWP100 column, without climate-carbon feedback; from the GHG Protocol GWP table of 2016-02-16)",
           "AR6": "via openclimatedata/globalwarmingpotentials globalwarmingpotentials.csv (AR6GWP100 column, read from Supplementary Table 7.SM.7)"}


def gwp_rows():
    rows = []
    for i, s in enumerate(("AR4", "AR5", "AR6")):
        rows.append(dict(set=s, gas="CO2", gwp100="1", source=GWP_TABLE[s], verified="true",
                         note="reference gas, GWP = 1 by definition"))
        for gas, *vals in GWP:
            note = ""
            if gas == "CH4" and s == "AR6":
                note = "7.SM.7 value without the fossil-carbon adjustment; use CH4_fossil for fossil methane"
            if gas == "CH4" and s == "AR5":
                note = "without climate-carbon feedbacks (34 with feedbacks)"
            rows.append(dict(set=s, gas=gas, gwp100=vals[i], source=f"{GWP_TABLE[s]}; {GWP_VIA[s]}", verified="true", note=note))
            if gas == "CH4" and s == "AR6":
                rows.append(dict(set="AR6", gas="CH4_fossil", gwp100="29.8",
                                 source=("IPCC AR6 WG1 Table 7.15; value as in shared/reference/README.md and a public LCA constants "
                                         "module citing Table 7.15 (code search result, CH4_FOSSIL = 29.8)"),
                                 verified="false",
                                 note="fossil methane incl. the CO2 from its oxidation; not read from Table 7.15 itself"))
    return rows


# ---------------------------------------------------------------------------
# Other single factors
# ---------------------------------------------------------------------------
def other_rows():
    return [
        dict(factor_id="purchased_heat_default", name_zh="外购热力缺省排放因子", name_en="purchased heat, default emission factor",
             value="0.11", unit="tCO2/GJ",
             document="GB/T 32150—2025《工业企业温室气体排放核算和报告通则》7.5.6–7.5.7",
             source=("adgo07/GHGTOOL data-source/carbon_accounting/catalog.json (commit 0cd6ed37, factor heat_default_2025: "
                     "'GB/T 32150—2025第7.5.6～7.5.7条：无实测时按0.11tCO₂/GJ', marked VERIFIED); same value in shared/reference/README.md"),
             verified="true",
             note=("use only when the heat supplier's own factor is not available; GB/T 32150—2025 in force from 2026-07-01; "
                   "the same 0.11 default appears in the NDRC industry guidelines (not checked here)")),
        dict(factor_id="tce_energy", name_zh="标准煤当量热值", name_en="energy content of one tonne of coal equivalent",
             value="29.3076", unit="GJ/tce", document="GB/T 2589—2020《综合能耗计算通则》（1 kgce = 29 307.6 kJ）",
             source="shared/reference/README.md; not read in the standard",
             verified="false", note="definition (7 000 kcal/kg x 4.1868 kJ/kcal = 29 307.6 kJ/kg); standard text not checked"),
        dict(factor_id="electricity_coal_equivalent_calorific", name_zh="电力折标准煤系数（当量值）",
             name_en="electricity to coal equivalent, calorific-equivalent (当量值) method",
             value="0.1229", unit="kgce/kWh", document="GB/T 2589—2020《综合能耗计算通则》附录 (当量值)",
             source="brief of this task / common practice (a public C# seed file uses EqCoal = 0.1229); not read in the standard",
             verified="false",
             note="arithmetic check: 3.6 MJ/kWh / 29.3076 MJ/kgce = 0.12284 kgce/kWh, rounded 0.1229; 等价值/发电煤耗法 figures are not included"),
        dict(factor_id="green_certificate_energy", name_zh="绿证对应可再生能源电量", name_en="renewable electricity per green certificate (GEC)",
             value="1000", unit="kWh", document="国家发展改革委 财政部 国家能源局《关于做好可再生能源绿色电力证书全覆盖工作促进可再生能源电力消费的通知》（发改能源〔2023〕1044号）",
             source=("text of the notice as reprinted on qljjw.com.cn (2023-08-04: '1个绿证单位对应1000千瓦时可再生能源电量') and "
                     "the 国家能源局 summary reprinted on zgjtqx.org.cn (2023-08-15), both agree"),
             verified="true",
             note=("per certificate unit; used by greenkit's market-based Scope 2 to turn a count of green certificates into MWh. "
                   "Certificates under the 2017 pilot (发改能源〔2017〕132号) were also 1 MWh each per press copies")),
    ]


# ---------------------------------------------------------------------------
# Regions table
# ---------------------------------------------------------------------------
def region_rows():
    rows = []
    grid_src = ("grid grouping of 《2021年电力二氧化碳排放因子计算说明》表1 "
                "(https://www.mee.gov.cn/xxgk2018/xxgk/xxgk01/202404/W020240412827267566470.pdf) as transcribed in "
                "edg127117/building-energy-carbon-platform ElectricityGridRegions.java; 30-province list as in the factor tables")
    for zh, full, en, code, grid, abbr, capital, extra in PROVINCES:
        aliases = [full] + abbr.split("|")
        if zh in ("北京", "天津", "上海", "重庆"):
            pass
        if capital:
            aliases += [capital, capital + "市"]
        if zh == "福建":
            for c in FUJIAN_CITIES:
                if c + "市" not in aliases:
                    aliases += [c, c + "市"] if c not in aliases else [c + "市"]
        if extra:
            aliases += extra.split("|")
        # de-duplicate, keep order
        seen, al = set(), []
        for a in aliases:
            if a not in seen and a != zh:
                seen.add(a)
                al.append(a)
        if zh == "内蒙古":
            note = ("split between grids: 赤峰 通辽 呼伦贝尔 兴安盟 (蒙东) -> 东北; the other 盟市 (蒙西) -> 华北; "
                    "grid left empty at province level — use the provincial factor")
            verified = "true"
        elif zh == "西藏":
            note = "no factor in the MEE/NBS tables (30 provinces, Tibet not included); grid not given in the transcription used — lookup falls back to the national factor"
            verified = "false"
        else:
            note = ""
            verified = "true"
        rows.append(dict(province_zh=zh, province_full=full, province_en=en, gb2260=code, grid=grid,
                         aliases="|".join(al), has_factor="false" if zh == "西藏" else "true",
                         source=grid_src, verified=verified, note=note))
    return rows


SECTOR_HEADER = ["sector_code", "sector_level", "sector_name_zh", "sector_name_en", "basis", "value", "unit", "year",
                 "document", "source", "verified", "note"]


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------
def check(elec, fuels):
    problems = []
    # 1. second copies agree with the primary transcription
    for name, (v21, v22) in JS_COPY.items():
        for year, v in ((2021, v21), (2022, v22)):
            if D(v) != D(PRIMARY[year][name]):
                problems.append(f"JS copy {year} {name}: {v} != {PRIMARY[year][name]}")
    for src, year, data in (("nengzhihe", 2023, NENGZHIHE_2023), ("nengzhihe", 2022, NENGZHIHE_2022),
                            ("LCA csv", 2023, LCA_2023), ("news", 2023, NEWS_2023), ("news", 2022, NEWS_2022)):
        for name, v in data.items():
            if D(v) != D(PRIMARY[year][name]):
                problems.append(f"{src} {year} {name}: {v} != {PRIMARY[year][name]}")
    # 2. completeness: 38 values per year
    for year in PRIMARY:
        if len(PRIMARY[year]) != 38:
            problems.append(f"{year}: {len(PRIMARY[year])} values, expected 38")
        if set(PRIMARY[year]) != set(["全国"] + list(GRID_EN) + PROV_ORDER):
            problems.append(f"{year}: region set differs")
    # 3. press-reported % changes 2022 -> 2023 for the regions
    for g, pct in NEWS_2023_PCT.items():
        got = (D(PRIMARY[2023][g]) / D(PRIMARY[2022][g]) - 1) * 100
        if abs(got - D(str(pct))) > D("0.06"):
            problems.append(f"% change {g}: {got:.2f} vs reported {pct}")
    # national: -1.1% (2023 vs 2022), -3.6% (2022 vs 2021); excl +4.1%, fossil 2022 vs 2021 -1.2%
    for a, b, pct, label in ((PRIMARY[2023]["全国"], PRIMARY[2022]["全国"], -1.1, "national 23/22"),
                             (PRIMARY[2022]["全国"], PRIMARY[2021]["全国"], -3.6, "national 22/21"),
                             (EXCL[2023], EXCL[2022], 4.1, "excl 23/22"),
                             (FOSSIL[2022], FOSSIL[2021], -1.2, "fossil 22/21")):
        got = (D(a) / D(b) - 1) * 100
        if abs(got - D(str(pct))) > D("0.06"):
            problems.append(f"% change {label}: {got:.2f} vs reported {pct}")
    # 2023: '北京等20个省份下降，广东等10个省份上升'
    down = [p for p in PROV_ORDER if D(PRIMARY[2023][p]) < D(PRIMARY[2022][p])]
    up = [p for p in PROV_ORDER if D(PRIMARY[2023][p]) > D(PRIMARY[2022][p])]
    if len(down) != 20 or len(up) != 10 or "北京" not in down or "广东" not in up:
        problems.append(f"2023 vs 2022 provinces: {len(down)} down, {len(up)} up (reported 20/10)")
    # 4. every province's grid exists; regional value within member range (informative)
    info = []
    for year in PRIMARY:
        for g in GRID_EN:
            members = [p[0] for p in PROVINCES if p[4] == g]
            vals = [D(PRIMARY[year][m]) for m in members]
            if not (min(vals) <= D(PRIMARY[year][g]) <= max(vals)):
                info.append(f"{year} {g} {PRIMARY[year][g]} outside members' range {min(vals)}-{max(vals)}")
    # 5. fuel arithmetic: quantity x NCV x C x oxidation x 44/12
    for fid, zh, en, ncv, unit, cc, ox, *_, product in CN_FUELS:
        ef = D(ncv) * D(cc) / 1000 * D(ox) * 44 / 12  # tCO2 per unit of quantity
        info.append(f"cn {fid}: {ef:.4f} {'tCO2/t' if unit == 'GJ/t' else 'tCO2/(10**4*m**3)'}")
        if product:
            want, _ = product
            if abs(ef - D(want)) > D("0.5") * D(10) ** D(want).as_tuple().exponent:
                problems.append(f"cn {fid}: computed {ef:.5f} vs stated {want}")
    for fid, zh, en, iname, ncv, cc, co2, *_ in IPCC_FUELS:
        ef_tj = D(cc) * 44 / 12
        if abs(ef_tj - D(co2)) / D(co2) > D("0.005"):
            problems.append(f"ipcc {fid}: C x 44/12 = {ef_tj:.2f} vs Table 1.4 {co2}")
    # 6. other: 0.1229 kgce/kWh vs 3.6/29.3076
    if abs(D("3.6") / D("29.3076") - D("0.1229")) > D("0.0001"):
        problems.append("0.1229 kgce/kWh inconsistent with 29.3076 GJ/tce")
    # 7. row counts
    if len([r for r in elec if r["series"] == "mee-grid-average"]) != 114:
        problems.append("mee-grid-average rows != 114")
    return problems, info


# ---------------------------------------------------------------------------
def write_csv(path: Path, header, rows):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writeheader()
    for r in rows:
        w.writerow({k: r.get(k, "") for k in header})
    path.write_text(buf.getvalue(), encoding="utf-8")


def main():
    elec = electricity_rows()
    fuels = fuel_rows()
    problems, info = check(elec, fuels)
    for line in info:
        print("info:", line)
    if problems:
        for p in problems:
            print("PROBLEM:", p)
        sys.exit(1)
    write_csv(OUT / "electricity.csv", ["series", "region_zh", "region_en", "region_level", "year", "value", "unit",
                                        "document", "published", "source", "verified", "note"], elec)
    write_csv(OUT / "regions.csv", ["province_zh", "province_full", "province_en", "gb2260", "grid", "aliases", "has_factor",
                                    "source", "verified", "note"], region_rows())
    write_csv(OUT / "fuels.csv", ["parameter_set", "fuel_id", "fuel_zh", "fuel_en", "ncv", "ncv_unit", "carbon_content",
                                  "oxidation", "co2_factor_tj", "ch4_kg_per_tj", "n2o_kg_per_tj", "document", "source",
                                  "verified", "note"], fuels)
    write_csv(OUT / "gwp.csv", ["set", "gas", "gwp100", "source", "verified", "note"], gwp_rows())
    write_csv(OUT / "other.csv", ["factor_id", "name_zh", "name_en", "value", "unit", "document", "source", "verified", "note"],
              other_rows())
    write_csv(OUT / "sector_intensity.csv", SECTOR_HEADER, [])
    print("all checks passed; CSVs written to", OUT)


if __name__ == "__main__":
    main()
