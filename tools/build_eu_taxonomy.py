#!/usr/bin/env python3
"""Build greenkit's EU taxonomy edition (Climate Delegated Act 2021/2139,
climate change mitigation) and the NACE↔GB/T and China↔EU crosswalks.

Reads  ../shared/reference/eu-taxonomy-compass-1.0.4.json (EU Taxonomy
       Compass export of Delegated Regulation (EU) 2021/2139, 2021 text only)
       ../shared/reference/cn-green-bond-2021.catalog.yaml
       ../shared/reference/cn-green-industry-2019.catalog.csv (names only)
       taxonomies/industry/gbt4754-2017.csv (code check, when present)
       taxonomies/cn-green-bond-2021/items.csv (codes and names, when present)
Writes taxonomies/eu-taxonomy-2021/{manifest.yaml,items.csv,rules.csv,criteria.csv,cases.csv}
       taxonomies/crosswalks/nace-rev2__gbt4754-2017.csv
       taxonomies/crosswalks/cn-green-bond-2021__eu-taxonomy-2021.csv

Deterministic: same inputs, same bytes. Run from the repository root:
    .venv/bin/python tools/build_eu_taxonomy.py
Official text (names, descriptions, criteria quotes, thresholds) comes from
the Compass export; Chinese names/descriptions, keywords, the NACE→GB/T
correspondence and the China↔EU pairs are greenkit's own work and are marked
verified=false where no official text backs them.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
REF = ROOT.parent / "shared" / "reference"
COMPASS = REF / "eu-taxonomy-compass-1.0.4.json"
CNB_YAML = REF / "cn-green-bond-2021.catalog.yaml"
CNI19_CSV = REF / "cn-green-industry-2019.catalog.csv"
OUT = ROOT / "taxonomies" / "eu-taxonomy-2021"
XW = ROOT / "taxonomies" / "crosswalks"
GBT_LIST = ROOT / "taxonomies" / "industry" / "gbt4754-2017.csv"

SRC_ACT = ("Commission Delegated Regulation (EU) 2021/2139, Annex I (climate change mitigation); "
           "text via EU Taxonomy Compass export 1.0.4 (shared/reference/eu-taxonomy-compass-1.0.4.json)")
SRC_TR = "Regulation (EU) 2020/852 (Taxonomy Regulation), Art. 3(c) and 18"
SRC_CUR = "greenkit curation"
# --- GB/T 4754-2017 names of the codes used below -------------------------
# Transcribed from a public copy of the GB/T 4754-2017 code list (an SQL dump
# of the standard's table in a public GitHub repository, read 2025); checked
# again against taxonomies/industry/gbt4754-2017.csv when that file exists.
GBT_NAMES = {
    "02": "林业", "0211": "林木育种", "0212": "林木育苗", "0220": "造林和更新",
    "0231": "森林经营和管护", "0232": "森林改培", "0241": "木材采运", "0242": "竹材采运",
    "0251": "木竹材林产品采集", "0252": "非木竹材林产品采集",
    "0521": "林业有害生物防治活动", "0522": "森林防火活动", "0529": "其他林业专业及辅助性活动",
    "0111": "稻谷种植", "0112": "小麦种植", "0113": "玉米种植", "0119": "其他谷物种植",
    "0141": "蔬菜种植", "0311": "牛的饲养", "0313": "猪的饲养",
    "0610": "烟煤和无烟煤开采洗选", "0620": "褐煤开采洗选",
    "0711": "陆地石油开采", "0712": "海洋石油开采", "0721": "陆地天然气开采",
    "0722": "海洋天然气及可燃冰开采", "0810": "铁矿采选", "1120": "石油和天然气开采专业及辅助性活动",
    "20": "木材加工和木、竹、藤、棕、草制品业", "2031": "建筑用木料及木材组件加工",
    "2032": "木门窗制造", "2033": "木楼梯制造", "2034": "木地板制造",
    "22": "造纸和纸制品业",
    "2511": "原油加工及石油制品制造", "2521": "炼焦", "2541": "生物质液体燃料生产",
    "2611": "无机酸制造", "2612": "无机碱制造", "2613": "无机盐制造", "2614": "有机化学原料制造",
    "2619": "其他基础化学原料制造", "262": "肥料制造", "2621": "氮肥制造",
    "2651": "初级形态塑料及合成树脂制造",
    "29": "橡胶和塑料制品业", "30": "非金属矿物制品业",
    "3011": "水泥制造", "3021": "水泥制品制造", "3022": "砼结构构件制造",
    "3031": "粘土砖瓦及建筑砌块制造", "3041": "平板玻璃制造", "3071": "建筑陶瓷制品制造",
    "3073": "特种陶瓷制品制造", "3089": "耐火陶瓷制品及其他耐火材料制造",
    "3110": "炼铁", "3120": "炼钢", "3130": "钢压延加工", "3140": "铁合金冶炼",
    "3216": "铝冶炼", "3252": "铝压延加工",
    "33": "金属制品业", "3311": "金属结构制造", "3312": "金属门窗制造", "3332": "金属压力容器制造",
    "3340": "金属丝绳及其制品制造", "3391": "黑色金属铸造", "3392": "有色金属铸造",
    "34": "通用设备制造业", "3411": "锅炉及辅助设备制造", "3412": "内燃机及配件制造",
    "3413": "汽轮机及辅机制造", "3414": "水轮机及辅机制造", "3415": "风能原动设备制造",
    "3419": "其他原动设备制造", "3441": "泵及真空设备制造", "3442": "气体压缩机械制造",
    "3443": "阀门和旋塞制造", "3444": "液压动力机械及元件制造", "3445": "液力动力机械元件制造",
    "3446": "气压动力机械及元件制造", "3462": "风机、风扇制造", "3464": "制冷、空调设备制造",
    "3483": "弹簧制造",
    "35": "专用设备制造业",
    "3611": "汽柴油车整车制造", "3612": "新能源车整车制造", "3620": "汽车用发动机制造",
    "3650": "电车制造", "3670": "汽车零部件及配件制造",
    "3711": "高铁车组制造", "3712": "铁路机车车辆制造", "3713": "窄轨机车车辆制造",
    "3714": "高铁设备、配件制造", "3715": "铁路机车车辆配件制造",
    "3716": "铁路专用设备及器材、配件制造", "3720": "城市轨道交通设备制造",
    "3731": "金属船舶制造", "3732": "非金属船舶制造", "3733": "娱乐船和运动船制造",
    "3735": "船舶改装", "3737": "海洋工程装备制造",
    "3751": "摩托车整车制造", "3752": "摩托车零部件及配件制造", "3761": "自行车制造",
    "3762": "残疾人座车制造", "3770": "助动车制造",
    "38": "电气机械和器材制造业", "3811": "发电机及发电机组制造", "3812": "电动机制造",
    "3813": "微特电机及组件制造", "3819": "其他电机制造", "3821": "变压器、整流器和电感器制造",
    "3823": "配电开关控制设备制造", "3825": "光伏设备及元器件制造",
    "3831": "电线、电缆制造", "3833": "光缆制造", "3839": "其他电工器材制造",
    "384": "电池制造", "385": "家用电力器具制造", "387": "照明器具制造",
    "39": "计算机、通信和其他电子设备制造业", "397": "电子器件制造", "40": "仪器仪表制造业",
    "4210": "金属废料和碎屑加工处理", "4220": "非金属废料和碎屑加工处理",
    "4320": "通用设备修理", "4330": "专用设备修理", "4341": "铁路运输设备修理",
    "4342": "船舶修理", "4349": "其他运输设备修理", "4350": "电气设备修理",
    "4411": "火力发电", "4412": "热电联产", "4413": "水力发电", "4414": "核力发电",
    "4415": "风力发电", "4416": "太阳能发电", "4417": "生物质能发电", "4419": "其他电力生产",
    "4420": "电力供应", "4430": "热力生产和供应",
    "4511": "天然气生产和供应业", "4512": "液化石油气生产和供应业", "4513": "煤气生产和供应业",
    "4520": "生物质燃气生产和供应业",
    "4610": "自来水生产和供应", "4620": "污水处理及其再生利用", "4630": "海水淡化处理",
    "4690": "其他水的处理、利用与分配",
    "47": "房屋建筑业", "4710": "住宅房屋建筑", "4720": "体育场馆建筑", "4790": "其他房屋建筑业",
    "48": "土木工程建筑业", "4811": "铁路工程建筑", "4812": "公路工程建筑", "4813": "市政道路工程建筑",
    "4814": "城市轨道交通工程建筑", "4819": "其他道路、隧道和桥梁工程建筑",
    "4821": "水源及供水设施工程建筑", "4822": "河湖治理及防洪设施工程建筑",
    "4823": "港口及航运设施工程建筑", "4832": "海洋能源开发利用工程建筑",
    "4851": "架线及设备工程建筑", "4852": "管道工程建筑", "4862": "环保工程施工",
    "4871": "火力发电工程施工", "4872": "水力发电工程施工", "4874": "风能发电工程施工",
    "4875": "太阳能发电工程施工", "4879": "其他电力工程施工", "4899": "其他土木工程建筑施工",
    "49": "建筑安装业", "4910": "电气安装", "4920": "管道和设备安装",
    "50": "建筑装饰、装修和其他建筑业",
    "5115": "林业产品批发", "5138": "日用家电批发", "5161": "煤炭及制品批发", "5162": "石油及制品批发",
    "5164": "金属及金属矿批发", "5165": "建材批发", "5166": "化肥批发", "5169": "其他化工产品批发",
    "5171": "农业机械批发", "5172": "汽车及零配件批发", "5176": "计算机、软件及辅助设备批发",
    "5177": "通讯设备批发", "5179": "其他机械设备及电子产品批发", "5191": "再生物资回收与批发",
    "5199": "其他未列明批发业", "5211": "百货零售", "5212": "超级市场零售", "5213": "便利店零售",
    "5261": "汽车新车零售", "5265": "机动车燃油零售", "5266": "机动车燃气零售", "5267": "机动车充电销售",
    "5311": "高速铁路旅客运输", "5312": "城际铁路旅客运输", "5313": "普通铁路旅客运输",
    "5320": "铁路货物运输", "5331": "客运火车站", "5332": "货运火车站（场）", "5333": "铁路运输维护活动",
    "5339": "其他铁路运输辅助活动", "5411": "公共电汽车客运", "5412": "城市轨道交通", "5413": "出租车客运",
    "5419": "其他城市公共交通运输", "5421": "长途客运", "5422": "旅游客运", "5429": "其他公路客运",
    "543": "道路货物运输", "5441": "客运汽车站", "5442": "货运枢纽（站）", "5443": "公路管理与养护",
    "5449": "其他道路运输辅助活动", "5511": "海上旅客运输", "5512": "内河旅客运输", "5513": "客运轮渡运输",
    "5521": "远洋货物运输", "5522": "沿海货物运输", "5523": "内河货物运输", "5531": "客运港口",
    "5532": "货运港口", "5539": "其他水上运输辅助活动", "5611": "航空旅客运输", "5612": "航空货物运输",
    "5631": "机场", "5632": "空中交通管理", "5639": "其他航空运输辅助活动",
    "5710": "海底管道运输", "5720": "陆地管道运输", "5920": "通用仓储", "5930": "低温仓储",
    "6010": "邮政基本服务", "6020": "快递服务", "6090": "其他寄递服务",
    "6110": "旅游饭店", "6121": "经济型连锁酒店", "6129": "其他一般旅馆", "6210": "正餐服务", "6220": "快餐服务",
    "631": "电信", "6311": "固定电信服务", "6312": "移动电信服务", "633": "卫星传输服务",
    "6410": "互联网接入及相关服务", "6450": "互联网数据服务",
    "651": "软件开发", "6531": "信息系统集成服务", "6532": "物联网技术服务", "6540": "运行维护服务",
    "6550": "信息处理和存储支持服务", "6560": "信息技术咨询服务",
    "6621": "商业银行服务", "6622": "政策性银行服务", "6623": "信用合作社服务", "6629": "其他货币银行服务",
    "6631": "融资租赁服务", "6920": "控股公司服务",
    "70": "房地产业", "7010": "房地产开发经营", "7020": "物业管理", "7030": "房地产中介服务",
    "7040": "房地产租赁经营", "7111": "汽车租赁", "7119": "其他机械与设备经营租赁",
    "7121": "休闲娱乐用品设备出租", "7122": "体育用品设备出租", "7211": "企业总部管理",
    "7310": "自然科学研究和试验发展", "7320": "工程和技术研究和试验发展",
    "745": "质检技术服务", "7452": "检测服务", "748": "工程技术与设计服务", "7481": "工程管理服务",
    "7482": "工程监理服务", "7483": "工程勘察活动", "7484": "工程设计活动",
    "7723": "固体废物治理", "7726": "土壤污染治理与修复服务", "7729": "其他污染治理", "7820": "环境卫生管理",
    "8131": "家用电子产品修理", "8132": "日用电器修理",
}
# --- NACE Rev. 2 → GB/T 4754-2017 correspondence --------------------------
# greenkit mapping by scope of the class titles (no official NACE–GB/T
# concordance exists). relation: exact = same scope; partial = overlapping
# (the NACE code is split over several GB/T classes, or the GB/T class is
# wider/narrower). Codes used by the EU taxonomy's activities first, then the
# classes foreign loan books commonly carry.
P, E = "partial", "exact"
NACE = {
    # A Forestry (the act limits 1.x to 02.10–02.40)
    "02":    ("Forestry and logging", [("02", P, "GB/T 02 林业 also covers 05.2 forestry support services separately; close but not identical scope")]),
    "02.10": ("Silviculture and other forestry activities", [
        ("0211", P, ""), ("0212", P, ""), ("0220", P, "afforestation and regeneration"),
        ("0231", P, "forest management and tending"), ("0232", P, "forest conversion/improvement")]),
    "02.20": ("Logging", [("0241", P, "wood"), ("0242", P, "bamboo")]),
    "02.30": ("Gathering of wild growing non-wood products", [("0252", P, "")]),
    "02.40": ("Support services to forestry", [("0521", P, "pest control"), ("0522", P, "forest fire protection"), ("0529", P, "")]),
    "01.11": ("Growing of cereals (except rice), leguminous crops and oil seeds", [("0112", P, ""), ("0113", P, ""), ("0119", P, "")]),
    "01.12": ("Growing of rice", [("0111", E, "")]),
    "01.13": ("Growing of vegetables and melons, roots and tubers", [("0141", P, "")]),
    "01.41": ("Raising of dairy cattle", [("0311", P, "GB/T 0311 covers all cattle")]),
    "01.46": ("Raising of swine/pigs", [("0313", E, "")]),
    # B Mining
    "05.10": ("Mining of hard coal", [("0610", E, "hard coal = bituminous coal and anthracite; both include washing")]),
    "05.20": ("Mining of lignite", [("0620", E, "")]),
    "06.10": ("Extraction of crude petroleum", [("0711", P, "onshore"), ("0712", P, "offshore")]),
    "06.20": ("Extraction of natural gas", [("0721", P, "onshore"), ("0722", P, "offshore (GB/T class also covers gas hydrates)")]),
    "07.10": ("Mining of iron ores", [("0810", E, "")]),
    "09.10": ("Support activities for petroleum and natural gas extraction", [("1120", E, "")]),
    # C Manufacturing
    "16":    ("Manufacture of wood and of products of wood and cork, except furniture", [("20", P, "")]),
    "16.23": ("Manufacture of other builders' carpentry and joinery", [("2031", P, ""), ("2032", P, "wooden doors and windows"), ("2033", P, ""), ("2034", P, "")]),
    "17":    ("Manufacture of paper and paper products", [("22", P, "")]),
    "19.10": ("Manufacture of coke oven products", [("2521", E, "")]),
    "19.20": ("Manufacture of refined petroleum products", [("2511", P, "")]),
    "20.11": ("Manufacture of industrial gases", [("2619", P, "industrial gases incl. hydrogen; class assignment is greenkit judgement — check against the GB/T 4754-2017 explanatory notes")]),
    "20.13": ("Manufacture of other inorganic basic chemicals", [
        ("2611", P, "inorganic acids"), ("2612", P, "inorganic alkalis (soda ash, caustic soda)"),
        ("2613", P, "inorganic salts"), ("2619", P, "other basic chemicals (e.g. carbon black, chlorine) — greenkit judgement")]),
    "20.14": ("Manufacture of other organic basic chemicals", [("2614", P, "")]),
    "20.15": ("Manufacture of fertilisers and nitrogen compounds", [("262", P, "fertilisers, incl. 2621 氮肥 (ammonia)"), ("2611", P, "nitric acid")]),
    "20.16": ("Manufacture of plastics in primary forms", [("2651", E, "")]),
    "20.59": ("Manufacture of other chemical products n.e.c.", [("2541", P, "biofuels (biodiesel) only; NACE 20.59 is much wider")]),
    "22":    ("Manufacture of rubber and plastic products", [("29", P, "")]),
    "23":    ("Manufacture of other non-metallic mineral products", [("30", P, "")]),
    "23.11": ("Manufacture of flat glass", [("3041", E, "")]),
    "23.20": ("Manufacture of refractory products", [("3089", P, "GB/T 308 also has asbestos and mica products")]),
    "23.31": ("Manufacture of ceramic tiles and flags", [("3071", P, "")]),
    "23.32": ("Manufacture of bricks, tiles and construction products, in baked clay", [("3031", P, "")]),
    "23.43": ("Manufacture of ceramic insulators and insulating fittings", [("3073", P, "electrical ceramics within special ceramics — greenkit judgement")]),
    "23.51": ("Manufacture of cement", [("3011", E, "")]),
    "23.61": ("Manufacture of concrete products for construction purposes", [("3021", P, ""), ("3022", P, "")]),
    "24.10": ("Manufacture of basic iron and steel and of ferro-alloys", [("3110", P, "ironmaking"), ("3120", P, "steelmaking"), ("3130", P, "hot rolling"), ("3140", P, "ferro-alloys")]),
    "24.20": ("Manufacture of tubes, pipes, hollow profiles and related fittings, of steel", [("3130", P, "")]),
    "24.31": ("Cold drawing of bars", [("3130", P, "")]),
    "24.32": ("Cold rolling of narrow strip", [("3130", P, "")]),
    "24.33": ("Cold forming or folding", [("3130", P, "")]),
    "24.34": ("Cold drawing of wire", [("3130", P, "")]),
    "24.42": ("Aluminium production", [("3216", P, "smelting (primary and secondary)"), ("3252", P, "semi-manufacture (rolling, extrusion)")]),
    "24.51": ("Casting of iron", [("3391", P, "")]),
    "24.52": ("Casting of steel", [("3391", P, "")]),
    "24.53": ("Casting of light metals", [("3392", P, "")]),
    "25":    ("Manufacture of fabricated metal products, except machinery and equipment", [("33", P, "NACE 25 includes weapons (25.40), which GB/T classes elsewhere")]),
    "25.11": ("Manufacture of metal structures and parts of structures", [("3311", E, "")]),
    "25.12": ("Manufacture of doors and windows of metal", [("3312", E, "")]),
    "25.21": ("Manufacture of central heating radiators and boilers", [("3411", P, "boilers; radiators are classed elsewhere in GB/T")]),
    "25.29": ("Manufacture of other tanks, reservoirs and containers of metal", [("3332", P, "")]),
    "25.93": ("Manufacture of wire products, chain and springs", [("3340", P, ""), ("3483", P, "springs")]),
    "26":    ("Manufacture of computer, electronic and optical products", [("39", P, ""), ("40", P, "instruments")]),
    "26.11": ("Manufacture of electronic components", [("397", P, ""), ("3825", P, "solar cells (NACE 26.11) are in GB/T 3825 光伏设备及元器件制造")]),
    "27":    ("Manufacture of electrical equipment", [("38", P, "")]),
    "27.11": ("Manufacture of electric motors, generators and transformers", [("3811", P, ""), ("3812", P, ""), ("3813", P, ""), ("3819", P, ""), ("3821", P, "transformers")]),
    "27.12": ("Manufacture of electricity distribution and control apparatus", [("3823", P, "")]),
    "27.20": ("Manufacture of batteries and accumulators", [("384", E, "GB/T group 384 电池制造")]),
    "27.31": ("Manufacture of fibre optic cables", [("3833", E, "")]),
    "27.32": ("Manufacture of other electronic and electric wires and cables", [("3831", E, "")]),
    "27.33": ("Manufacture of wiring devices", [("3839", P, "greenkit judgement")]),
    "27.40": ("Manufacture of electric lighting equipment", [("387", P, "GB/T group 387 照明器具制造; LED chips are in 397")]),
    "27.51": ("Manufacture of electric domestic appliances", [("385", E, "GB/T group 385 家用电力器具制造")]),
    "28":    ("Manufacture of machinery and equipment n.e.c.", [("34", P, "general-purpose"), ("35", P, "special-purpose")]),
    "28.11": ("Manufacture of engines and turbines, except aircraft, vehicle and cycle engines", [
        ("3412", P, ""), ("3413", P, ""), ("3414", P, "hydro turbines"), ("3415", P, "wind turbines"), ("3419", P, "")]),
    "28.12": ("Manufacture of fluid power equipment", [("3444", P, ""), ("3445", P, ""), ("3446", P, "")]),
    "28.13": ("Manufacture of other pumps and compressors", [("3441", P, ""), ("3442", P, "")]),
    "28.14": ("Manufacture of other taps and valves", [("3443", E, "")]),
    "28.25": ("Manufacture of non-domestic cooling and ventilation equipment", [("3464", P, ""), ("3462", P, "")]),
    "29.10": ("Manufacture of motor vehicles", [("3611", P, "petrol/diesel vehicles"), ("3612", P, "new-energy vehicles"), ("3620", P, "vehicle engines"), ("3650", P, "trolleybuses")]),
    "29.32": ("Manufacture of other parts and accessories for motor vehicles", [("3670", P, "GB/T 3670 also covers electrical equipment for vehicles (NACE 29.31)")]),
    "30.1":  ("Building of ships and boats", [("3731", P, ""), ("3732", P, ""), ("3733", P, "pleasure boats (NACE 30.12)"), ("3737", P, "floating structures")]),
    "30.20": ("Manufacture of railway locomotives and rolling stock", [
        ("3711", P, ""), ("3712", P, ""), ("3713", P, ""), ("3714", P, ""), ("3715", P, ""), ("3716", P, ""),
        ("3720", P, "urban rail vehicles")]),
    "30.9":  ("Manufacture of transport equipment n.e.c.", [("3751", P, ""), ("3752", P, ""), ("3761", P, ""), ("3762", P, ""), ("3770", P, "")]),
    "33.12": ("Repair of machinery", [("4320", P, ""), ("4330", P, "")]),
    "33.14": ("Repair of electrical equipment", [("4350", E, "")]),
    "33.15": ("Repair and maintenance of ships and boats", [("4342", E, ""), ("3735", P, "ship conversion/refit (relevant to EU 6.9/6.12 retrofits)")]),
    "33.17": ("Repair and maintenance of other transport equipment", [("4341", P, "railway equipment"), ("4349", P, "")]),
    # D Energy
    "35.11": ("Production of electricity", [
        ("4411", P, "thermal"), ("4412", P, "combined heat and power"), ("4413", P, "hydro"), ("4414", P, "nuclear"),
        ("4415", P, "wind"), ("4416", P, "solar"), ("4417", P, "biomass"), ("4419", P, "other (geothermal, ocean …)")]),
    "35.12": ("Transmission of electricity", [("4420", P, "GB/T 4420 电力供应 covers transmission, distribution and trade")]),
    "35.13": ("Distribution of electricity", [("4420", P, "")]),
    "35.14": ("Trade of electricity", [("4420", P, "")]),
    "35.21": ("Manufacture of gas", [("4513", P, "manufactured gas"), ("4520", P, "biogas/biomethane")]),
    "35.22": ("Distribution of gaseous fuels through mains", [("4511", P, ""), ("4512", P, ""), ("4513", P, ""), ("4520", P, "")]),
    "35.30": ("Steam and air conditioning supply", [("4430", P, "")]),
    # E Water, waste
    "36.00": ("Water collection, treatment and supply", [("4610", P, ""), ("4630", P, "desalination"), ("4690", P, "")]),
    "37.00": ("Sewerage", [("4620", P, "")]),
    "38.11": ("Collection of non-hazardous waste", [("7820", P, "municipal sanitation incl. refuse collection"), ("7723", P, "")]),
    "38.21": ("Treatment and disposal of non-hazardous waste", [("7723", P, "")]),
    "38.32": ("Recovery of sorted materials", [("4210", P, "metal scrap"), ("4220", P, "non-metal scrap")]),
    "39.00": ("Remediation activities and other waste management services", [("7726", P, "soil remediation"), ("7729", P, "")]),
    # F Construction
    "41":    ("Construction of buildings", [("47", P, "building construction"), ("7010", P, "development of building projects (NACE 41.10) is real-estate development in GB/T")]),
    "41.10": ("Development of building projects", [("7010", P, "")]),
    "41.20": ("Construction of residential and non-residential buildings", [("4710", P, "residential"), ("4720", P, "sports venues"), ("4790", P, "other buildings")]),
    "42":    ("Civil engineering", [("48", P, "")]),
    "42.11": ("Construction of roads and motorways", [("4812", P, "highways"), ("4813", P, "urban roads")]),
    "42.12": ("Construction of railways and underground railways", [("4811", P, ""), ("4814", P, "urban rail transit")]),
    "42.13": ("Construction of bridges and tunnels", [("4819", P, "")]),
    "42.21": ("Construction of utility projects for fluids", [("4852", P, "pipelines"), ("4821", P, "water supply works")]),
    "42.22": ("Construction of utility projects for electricity and telecommunications", [
        ("4851", P, "lines"), ("4872", P, "hydro"), ("4874", P, "wind"), ("4875", P, "solar"), ("4879", P, "other power works")]),
    "42.91": ("Construction of water projects", [("4822", P, ""), ("4823", P, "ports and waterways")]),
    "42.99": ("Construction of other civil engineering projects n.e.c.", [("4899", P, ""), ("4862", P, "environmental protection works")]),
    "43":    ("Specialised construction activities", [("49", P, "installation"), ("50", P, "finishing and other")]),
    "43.21": ("Electrical installation", [("4910", P, "")]),
    "43.22": ("Plumbing, heat and air-conditioning installation", [("4920", P, "")]),
    # G Trade
    "45.11": ("Sale of cars and light motor vehicles", [("5172", P, "wholesale"), ("5261", P, "retail, new cars")]),
    "46.43": ("Wholesale of electrical household appliances", [("5138", P, "")]),
    "46.51": ("Wholesale of computers, computer peripheral equipment and software", [("5176", E, "")]),
    "46.52": ("Wholesale of electronic and telecommunications equipment and parts", [("5177", P, "")]),
    "46.61": ("Wholesale of agricultural machinery, equipment and supplies", [("5171", P, "")]),
    "46.69": ("Wholesale of other machinery and equipment", [("5179", P, "")]),
    "46.71": ("Wholesale of solid, liquid and gaseous fuels and related products", [("5161", P, "coal"), ("5162", P, "petroleum")]),
    "46.72": ("Wholesale of metals and metal ores", [("5164", E, "")]),
    "46.73": ("Wholesale of wood, construction materials and sanitary equipment", [("5165", P, ""), ("5115", P, "wood")]),
    "46.75": ("Wholesale of chemical products", [("5169", P, ""), ("5166", P, "fertilisers")]),
    "46.77": ("Wholesale of waste and scrap", [("5191", P, "")]),
    "46.90": ("Non-specialised wholesale trade", [("5199", P, "")]),
    "47.11": ("Retail sale in non-specialised stores with food, beverages or tobacco predominating", [("5211", P, ""), ("5212", P, ""), ("5213", P, "")]),
    "47.30": ("Retail sale of automotive fuel in specialised stores", [("5265", P, ""), ("5266", P, ""), ("5267", P, "EV charging sales")]),
    # H Transport
    "49.10": ("Passenger rail transport, interurban", [("5311", P, ""), ("5312", P, ""), ("5313", P, "")]),
    "49.20": ("Freight rail transport", [("5320", E, "")]),
    "49.31": ("Urban and suburban passenger land transport", [("5411", P, "bus and trolleybus"), ("5412", P, "urban rail"), ("5419", P, "")]),
    "49.32": ("Taxi operation", [("5413", E, "")]),
    "49.39": ("Other passenger land transport n.e.c.", [("5421", P, ""), ("5422", P, ""), ("5429", P, "")]),
    "49.41": ("Freight transport by road", [("543", P, "GB/T group 543 also contains removal services (NACE 49.42)")]),
    "49.50": ("Transport via pipeline", [("5710", P, "subsea"), ("5720", P, "onshore")]),
    "50.10": ("Sea and coastal passenger water transport", [("5511", P, ""), ("5513", P, "ferries")]),
    "50.20": ("Sea and coastal freight water transport", [("5521", P, "ocean-going"), ("5522", P, "coastal")]),
    "50.30": ("Inland passenger water transport", [("5512", P, ""), ("5513", P, "ferries")]),
    "50.40": ("Inland freight water transport", [("5523", E, "")]),
    "51.10": ("Passenger air transport", [("5611", P, "")]),
    "51.21": ("Freight air transport", [("5612", P, "")]),
    "52.10": ("Warehousing and storage", [("5920", P, ""), ("5930", P, "cold storage")]),
    "52.21": ("Service activities incidental to land transportation", [
        ("5331", P, ""), ("5332", P, ""), ("5333", P, ""), ("5339", P, ""),
        ("5441", P, ""), ("5442", P, ""), ("5443", P, ""), ("5449", P, "")]),
    "52.22": ("Service activities incidental to water transportation", [("5531", P, ""), ("5532", P, ""), ("5539", P, "")]),
    "52.23": ("Service activities incidental to air transportation", [("5631", P, "airports"), ("5632", P, ""), ("5639", P, "")]),
    "53.10": ("Postal activities under universal service obligation", [("6010", P, "")]),
    "53.20": ("Other postal and courier activities", [("6020", P, "express delivery"), ("6090", P, "")]),
    # I Accommodation and food
    "55.10": ("Hotels and similar accommodation", [("6110", P, ""), ("6121", P, ""), ("6129", P, "")]),
    "56.10": ("Restaurants and mobile food service activities", [("6210", P, ""), ("6220", P, "")]),
    # J ICT
    "61":    ("Telecommunications", [("631", P, "telecoms"), ("633", P, "satellite transmission"), ("6410", P, "internet access")]),
    "61.10": ("Wired telecommunications activities", [("6311", P, "")]),
    "61.20": ("Wireless telecommunications activities", [("6312", P, "")]),
    "62":    ("Computer programming, consultancy and related activities", [("651", P, "software development"), ("6531", P, ""), ("6532", P, ""), ("6540", P, ""), ("6560", P, "")]),
    "63.11": ("Data processing, hosting and related activities", [("6550", P, ""), ("6450", P, "internet data services")]),
    # K Finance
    "64.19": ("Other monetary intermediation", [("6621", P, "commercial banks"), ("6623", P, "credit cooperatives"), ("6629", P, "")]),
    "64.20": ("Activities of holding companies", [("6920", E, "")]),
    "64.91": ("Financial leasing", [("6631", E, "")]),
    # L Real estate
    "68":    ("Real estate activities", [("70", P, "GB/T 70 also contains development (NACE 41.10)")]),
    "68.10": ("Buying and selling of own real estate", [("7010", P, "")]),
    "68.20": ("Renting and operating of own or leased real estate", [("7040", P, "")]),
    "68.31": ("Real estate agencies", [("7030", P, "")]),
    "68.32": ("Management of real estate on a fee or contract basis", [("7020", P, "")]),
    # M Professional
    "70.10": ("Activities of head offices", [("7211", E, "")]),
    "71":    ("Architectural and engineering activities; technical testing and analysis", [("748", P, ""), ("745", P, "")]),
    "71.1":  ("Architectural and engineering activities and related technical consultancy", [("748", P, "")]),
    "71.12": ("Engineering activities and related technical consultancy", [("7481", P, ""), ("7482", P, ""), ("7483", P, ""), ("7484", P, "")]),
    "71.20": ("Technical testing and analysis", [("7452", P, "")]),
    "72.1":  ("Research and experimental development on natural sciences and engineering", [("7310", P, ""), ("7320", P, "")]),
    # N Rental
    "77.11": ("Renting and leasing of cars and light motor vehicles", [("7111", P, "")]),
    "77.12": ("Renting and leasing of trucks", [("7111", P, "")]),
    "77.21": ("Renting and leasing of recreational and sports goods", [("7121", P, ""), ("7122", P, "")]),
    "77.34": ("Renting and leasing of water transport equipment", [("7119", P, "")]),
    "77.39": ("Renting and leasing of other machinery, equipment and tangible goods n.e.c.", [("7119", P, "")]),
    # S Repair
    "95.21": ("Repair of consumer electronics", [("8131", P, "")]),
    "95.22": ("Repair of household appliances and home and garden equipment", [("8132", P, "")]),
}
# --- Activity curation: Chinese name and short description (greenkit
# translation), keywords (greenkit curation) and activity-specific GB/T
# subsets of the NACE codes the act lists. ------------------------------
SECTOR_ZH = {
    "1": "林业", "2": "环境保护与修复活动", "3": "制造业", "4": "能源",
    "5": "供水、污水处理、废弃物管理与修复", "6": "交通运输", "7": "建筑与房地产",
    "8": "信息与通信", "9": "专业、科学和技术活动",
}

# code: (name_zh, definition_zh, keywords_zh, keywords_en, exclude, context)
A = {
"1.1": ("造林", "在此前非林地上通过种植、播种或天然更新营造森林，使土地用途由非林地转为林地。",
        "造林|植树造林|人工造林|荒山造林|新造林|碳汇林", "afforestation", "", ""),
"1.2": ("森林恢复与修复（含再造林及极端事件后的天然更新）", "对退化森林进行修复和恢复，包括再造林以及火灾、风灾等极端事件后的森林天然更新。",
        "森林修复|森林恢复|退化林修复|更新造林|迹地更新|火烧迹地|封山育林|再造林", "reforestation|forest restoration|forest rehabilitation|natural forest regeneration", "", ""),
"1.3": ("森林经营", "在林地上开展的森林经营活动（抚育、间伐、采伐更新等），林地用途保持不变。",
        "森林经营|森林抚育|森林可持续经营|林分改造|中幼林抚育|森林管护", "forest management|sustainable forestry|forest stand improvement", "", ""),
"1.4": ("保护性林业", "以保护一种或多种生境或物种为主要经营目标的森林经营活动。",
        "天然林保护|天然林资源保护|公益林|森林保护|保护林", "conservation forestry|forest conservation|protected forest", "", ""),
"2.1": ("湿地修复", "将湿地恢复至原有状态或改善其生态功能的活动，包括泥炭地再湿润。",
        "湿地修复|湿地恢复|湿地保护修复|泥炭地修复|红树林修复", "wetland restoration|peatland restoration|rewetting|mangrove restoration", "", ""),
"3.1": ("可再生能源技术制造", "制造可再生能源技术装备及其关键部件。",
        "光伏组件制造|光伏组件生产|光伏电池片|太阳能电池片|硅片生产|单晶硅|多晶硅|光伏设备制造|逆变器制造|风电装备制造|风电机组制造|风力发电机组制造|风电整机|风电叶片|风电塔筒|太阳能热水器制造|水轮发电机组制造|地热设备制造",
        "solar module manufacturing|pv module production|solar cell manufacturing|polysilicon|wafer production|wind turbine manufacturing|wind turbine blade|inverter manufacturing", "", ""),
"3.2": ("氢气生产和利用设备制造", "制造符合3.10节标准的制氢设备以及用氢设备。",
        "电解槽制造|电解水制氢设备|燃料电池制造|燃料电池系统|燃料电池电堆|储氢瓶制造|加氢设备制造|氢能装备制造",
        "electrolyser manufacturing|electrolyzer manufacturing|fuel cell manufacturing|fuel cell stack|hydrogen equipment manufacturing", "", ""),
"3.3": ("低碳交通技术制造", "制造、维修、改装零排放或低排放的车辆、轨道交通装备、船舶及其关键部件。",
        "新能源汽车制造|新能源汽车生产|电动汽车制造|纯电动汽车生产|新能源客车生产|电动公交车制造|氢燃料电池汽车制造|新能源商用车|电动船舶制造|电力机车制造|动车组制造|城轨车辆制造|电动自行车制造|新能源整车",
        "electric vehicle manufacturing|ev manufacturing|electric bus manufacturing|rolling stock manufacturing|electric vessel construction|zero-emission vehicle production", "", ""),
"3.4": ("电池制造", "制造可充电电池、电池组和蓄电池（含部件），以及回收废旧电池。",
        "动力电池|锂电池生产|锂离子电池|储能电池制造|电池制造|电芯生产|正极材料|负极材料|电池回收|废旧动力电池",
        "battery manufacturing|battery cell production|lithium-ion battery|battery gigafactory|battery recycling", "", ""),
"3.5": ("建筑节能设备制造", "制造建筑节能产品及其关键部件：高性能门窗、保温材料、高能效家电和照明、供暖制冷设备、热泵、楼宇控制和计量设备等。",
        "节能门窗|节能玻璃|低辐射玻璃|Low-E玻璃|中空玻璃|外墙保温材料|保温材料|岩棉|节能家电|高效照明|LED灯具制造|楼宇自控设备|智能温控器|热计量表|热泵制造|遮阳",
        "energy-efficient windows|insulation material|low-e glass|led lighting manufacturing|building automation|smart thermostat|heat meter|heat pump manufacturing", "", ""),
"3.6": ("其他低碳技术制造", "制造旨在并能证明相对市场上最佳替代技术显著降低全生命周期温室气体排放的技术和产品。",
        "低碳技术装备制造|低碳产品制造|节能装备制造|高效电机制造|节能变压器制造|碳捕集设备制造",
        "low carbon technology manufacturing|low-carbon equipment manufacturing", "", ""),
"3.7": ("水泥制造", "制造灰水泥熟料、水泥或替代性水硬性胶凝材料。",
        "水泥|熟料", "cement|clinker", "水泥制品|水泥管|水泥电杆|水泥砖|cement products", "生产|制造|粉磨|生产线|窑|厂|production|plant|kiln|grinding"),
"3.8": ("铝制造", "通过原铝（氧化铝电解）工艺或再生铝工艺生产铝。",
        "电解铝|原铝|铝冶炼|再生铝|铝锭|铝液", "aluminium smelter|aluminum smelter|primary aluminium|primary aluminum|secondary aluminium|secondary aluminum|aluminium production|aluminum production", "铝型材|铝门窗|铝合金门窗", ""),
"3.9": ("钢铁制造", "制造钢铁（炼铁、烧结、焦化、铸铁、电炉炼钢等工序）。",
        "钢铁|炼钢|炼铁|电炉炼钢|电弧炉|高炉|转炉|烧结|焦炉|短流程", "steel plant|steelmaking|steel mill|electric arc furnace|blast furnace|ironmaking|sinter plant|coke oven",
        "钢结构|钢材贸易|钢材销售|钢铁贸易|烧结砖|steel structure|steel trading", ""),
"3.10": ("氢气制造", "制造氢气和氢基合成燃料。",
        "制氢|电解水制氢|绿氢|氢气生产|可再生能源制氢|绿电制氢", "hydrogen production|electrolytic hydrogen|green hydrogen|hydrogen plant",
        "设备制造|电解槽制造|equipment manufacturing", ""),
"3.11": ("炭黑制造", "制造炭黑。", "炭黑", "carbon black", "", ""),
"3.12": ("纯碱制造", "制造纯碱（碳酸钠）。", "纯碱|碳酸钠", "soda ash|sodium carbonate", "", ""),
"3.13": ("氯制造", "制造氯（氯气）。", "氯碱|烧碱|氯气", "chlorine|chlor-alkali", "", ""),
"3.14": ("有机基础化学品制造", "制造高价值化学品（乙烯、丙烯、丁二烯等）、芳烃、氯乙烯、苯乙烯、环氧乙烷/乙二醇、己二酸等有机基础化学品。",
        "乙烯|丙烯|丁二烯|芳烃|苯乙烯|氯乙烯|环氧乙烷|乙二醇|己二酸|裂解装置", "ethylene|propylene|butadiene|aromatics|styrene|vinyl chloride|ethylene oxide|ethylene glycol|adipic acid|steam cracker",
        "聚乙烯|聚丙烯|聚苯乙烯|聚氯乙烯|polyethylene|polypropylene|polystyrene|polyvinyl", "生产|装置|项目|制造|工厂|production|plant|unit"),
"3.15": ("无水氨制造", "制造无水氨。", "合成氨|绿氨|氨生产|液氨生产", "ammonia production|ammonia plant|green ammonia", "", ""),
"3.16": ("硝酸制造", "制造硝酸。", "硝酸", "nitric acid", "硝酸铵|ammonium nitrate", ""),
"3.17": ("初级形态塑料制造", "制造初级形态的树脂、塑料和热塑性弹性体，以及通过机械或化学回收、可再生原料生产塑料。",
        "再生塑料|塑料再生|再生颗粒|塑料化学回收|生物基塑料|可降解塑料原料|合成树脂", "recycled plastic|plastic recycling|chemical recycling of plastic|bio-based plastic|plastics in primary form", "", ""),
"4.1": ("太阳能光伏发电", "建设或运营利用光伏技术发电的设施。",
        "光伏电站|光伏发电|太阳能发电|分布式光伏|屋顶光伏|光伏项目|渔光互补|农光互补|地面光伏", "solar pv plant|solar farm|photovoltaic power|solar power plant|pv plant|rooftop solar|solar park",
        "制造|组件生产|电池片|光热|manufactur|concentrated solar", ""),
"4.2": ("聚光太阳能（光热）发电", "建设或运营利用聚光太阳能（光热）技术发电的设施。",
        "光热发电|光热电站|塔式光热|槽式光热|熔盐塔式", "concentrated solar power|csp plant|solar thermal power plant", "", ""),
"4.3": ("风力发电", "建设或运营利用风能发电的设施。",
        "风电场|风力发电|风电项目|海上风电|陆上风电|分散式风电|风电工程", "wind farm|wind power|wind park|offshore wind|onshore wind",
        "装备制造|机组制造|叶片制造|塔筒制造|整机制造|manufactur", ""),
"4.4": ("海洋能发电", "建设或运营利用海洋能（潮汐、潮流、波浪、温差等）发电的设施。",
        "潮汐发电|潮汐电站|潮流能|波浪能|海洋能发电|温差能发电", "tidal power|tidal stream|wave energy|ocean energy|ocean thermal", "", ""),
"4.5": ("水力发电", "建设或运营水力发电设施。",
        "水电站|水力发电|小水电|径流式电站|水电项目", "hydropower|hydroelectric|run-of-river|hydro power plant", "抽水蓄能|pumped storage|pumped hydro", ""),
"4.6": ("地热发电", "建设或运营利用地热能发电的设施。", "地热发电|地热电站", "geothermal power plant|geothermal electricity|geothermal power", "", ""),
"4.7": ("利用可再生非化石气体和液体燃料发电", "建设或运营利用可再生非化石气体或液体燃料（如可再生氢）发电的设施，不含仅使用沼气和生物液体燃料的发电。",
        "氢能发电|氢燃料电池发电|掺氢发电|纯氢燃机|绿氨发电", "hydrogen power plant|hydrogen-fired power|fuel cell power station|renewable hydrogen power", "", ""),
"4.8": ("生物质能发电", "建设和运营完全利用生物质、沼气或生物液体燃料发电的设施。",
        "生物质发电|农林生物质发电|秸秆发电|沼气发电|生物质电厂", "biomass power plant|biomass power|biogas power|bioenergy plant|biomass-fired",
        "垃圾焚烧|waste incineration", ""),
"4.9": ("输配电", "建设和运营输电和配电系统及相关设备。",
        "输电线路|输变电|配电网|电网改造|智能电网|特高压|变电站|智能电表|配网工程|农网改造|电网建设", "transmission line|power grid|distribution network|substation|smart meter|smart grid|interconnector|grid reinforcement", "", ""),
"4.10": ("电力储存", "建设和运营储电设施，包括抽水蓄能和化学储能。",
        "储能电站|电化学储能|抽水蓄能|储能项目|新型储能|压缩空气储能|飞轮储能|电池储能", "battery energy storage|bess|pumped hydro storage|pumped storage|energy storage system|grid-scale storage",
        "储能电池制造|电池生产|储热|蓄热|battery manufacturing", ""),
"4.11": ("热能储存", "建设和运营储热设施，包括地下储热和含水层储热。",
        "储热|蓄热|熔盐储热|跨季节储热|蓄冷", "thermal energy storage|heat storage|aquifer thermal energy storage|underground thermal energy storage", "", ""),
"4.12": ("氢储存", "建设、改造和运营储氢设施。", "储氢|氢气储存|储氢库|储氢设施", "hydrogen storage", "储氢瓶制造", ""),
"4.13": ("交通用沼气和生物燃料及生物液体燃料制造", "制造交通用沼气、生物燃料和生物液体燃料。",
        "生物天然气|沼气工程|生物柴油|燃料乙醇|生物航煤|可持续航空燃料|生物质燃料|生物甲烷", "biogas plant|biomethane|biodiesel|bioethanol|biofuel production|sustainable aviation fuel|hvo", "", ""),
"4.14": ("可再生及低碳气体输配网络", "建设、改造和运营专用于氢气或其他低碳气体的输配管网，以及提升掺氢能力的管网改造。",
        "输氢管道|纯氢管道|掺氢管道|氢气管网|管道掺氢|天然气掺氢", "hydrogen pipeline|hydrogen network|hydrogen blending|hydrogen grid", "", ""),
"4.15": ("区域供热/供冷输配", "建设、改造和运营区域供热、供冷的输配管道及相关设施。",
        "集中供热管网|供热管网|热网改造|区域供冷|供热管道|热力管网", "district heating network|district heating|district cooling|heat network", "", ""),
"4.16": ("电动热泵安装和运营", "安装和运营电动热泵。",
        "热泵|空气源热泵|地源热泵|水源热泵|污水源热泵", "heat pump", "热泵制造|热泵生产|heat pump manufacturing", ""),
"4.17": ("太阳能热（冷）电联产", "建设和运营利用太阳能联合生产电力和热/冷的设施。", "太阳能热电联产|光热热电联产|光伏光热一体化", "solar cogeneration|solar chp", "", ""),
"4.18": ("地热热（冷）电联产", "建设和运营利用地热能联合生产电力和热/冷的设施。", "地热热电联产", "geothermal cogeneration|geothermal chp", "", ""),
"4.19": ("可再生非化石气体和液体燃料热（冷）电联产", "建设和运营利用可再生非化石气体和液体燃料联合生产电力和热/冷的设施。",
        "氢能热电联产|燃料电池热电联供|氢燃料热电联产", "hydrogen chp|fuel cell chp|hydrogen cogeneration", "", ""),
"4.20": ("生物质能热（冷）电联产", "建设和运营完全利用生物质、沼气或生物液体燃料联合生产电力和热/冷的设施。",
        "生物质热电联产|生物质热电联供|沼气热电联产", "biomass chp|biomass cogeneration|biogas chp|biogas cogeneration", "", ""),
"4.21": ("太阳能供热/供冷", "建设和运营利用太阳能集热生产热/冷的设施。",
        "太阳能供热|太阳能集热|太阳能热水系统|太阳能采暖|太阳能热利用", "solar thermal heating|solar water heating|solar district heating|solar collector", "", ""),
"4.22": ("地热供热/供冷", "建设和运营利用地热能生产热/冷的设施。", "地热供暖|中深层地热|地热能供热|地热采暖|地热供热", "geothermal heating|geothermal district heating", "", ""),
"4.23": ("可再生非化石气体和液体燃料供热/供冷", "建设和运营利用可再生非化石气体和液体燃料生产热/冷的设施。", "氢能供热|氢燃料锅炉|绿氢供热", "hydrogen boiler|hydrogen-fired heating|hydrogen heating", "", ""),
"4.24": ("生物质能供热/供冷", "建设和运营完全利用生物质、沼气或生物液体燃料生产热/冷的设施。",
        "生物质供热|生物质锅炉|生物质成型燃料供热|生物质集中供热", "biomass heating|biomass boiler|biomass heat plant", "", ""),
"4.25": ("利用余热供热/供冷", "建设和运营利用余热生产热/冷的设施。", "余热供暖|余热供热|工业余热利用|余热回收供热|余热制冷", "waste heat recovery|waste heat district heating|excess heat|industrial waste heat", "", ""),
"5.1": ("集水、水处理和供水系统的建设、扩建和运营", "建设、扩建和运营集水、水处理和供水系统。",
        "自来水厂|供水工程|供水管网|水厂建设|净水厂|城乡供水|供水设施", "water supply system|water treatment plant|drinking water supply|water supply network", "", ""),
"5.2": ("集水、水处理和供水系统更新", "更新改造集水、水处理和供水系统，提高能效或降低漏损。",
        "供水管网改造|管网漏损|漏损控制|老旧供水管网|水厂改造|供水设施改造|分区计量", "water network renewal|leakage reduction|water main replacement|non-revenue water", "", ""),
"5.3": ("污水收集和处理设施的建设、扩建和运营", "建设、扩建和运营集中式污水收集和处理系统。",
        "污水处理厂|污水处理|污水管网|污水收集|生活污水处理|污水厂|污水处理设施", "wastewater treatment plant|sewage treatment|wastewater collection|sewerage", "", ""),
"5.4": ("污水收集和处理设施更新", "更新改造污水收集和处理设施，提高能效。",
        "污水处理厂提标改造|污水厂改造|污水管网改造|雨污分流改造|污水处理厂改造", "wastewater plant upgrade|sewer renewal|sewer rehabilitation|wastewater treatment upgrade", "", ""),
"5.5": ("源头分类的无害废弃物收集和运输", "对源头分类的无害废弃物进行分类收集和运输，以便再利用或再生利用。",
        "垃圾分类|分类收集|再生资源回收|可回收物回收|分类运输", "separate waste collection|source-segregated collection|recycling collection", "", ""),
"5.6": ("污水污泥厌氧消化", "建设和运营污水污泥厌氧消化设施并利用所产沼气。", "污泥厌氧消化|污泥沼气|污泥消化", "sludge anaerobic digestion|sewage sludge digestion", "", ""),
"5.7": ("生物废弃物厌氧消化", "建设和运营分类收集的生物废弃物厌氧消化设施，利用所产沼气和沼渣。",
        "厨余垃圾厌氧|餐厨垃圾厌氧|餐厨废弃物处理|有机垃圾厌氧消化|厨余垃圾处理|餐厨垃圾处理", "anaerobic digestion of food waste|biowaste digestion|food waste biogas|bio-waste anaerobic digestion", "", ""),
"5.8": ("生物废弃物堆肥", "建设和运营分类收集的生物废弃物堆肥设施，产品用作肥料或土壤改良剂。", "堆肥|好氧发酵|好氧堆肥", "composting|compost plant", "", ""),
"5.9": ("无害废弃物的材料回收", "建设和运营将分类收集的无害废弃物加工为再生原料的设施。",
        "资源回收利用|再生资源加工|废塑料再生|废纸回收|废钢加工|分拣中心|再生利用|废旧物资回收", "material recovery|recycling plant|materials recovery facility|scrap processing", "", ""),
"5.10": ("填埋气收集和利用", "在已封场的填埋场安装和运营填埋气收集和利用系统。", "填埋气|填埋场沼气|垃圾填埋气发电", "landfill gas", "", ""),
"5.11": ("二氧化碳运输", "通过各种运输方式运输捕集的二氧化碳，以及建设和运营二氧化碳管道。",
        "二氧化碳输送|二氧化碳管道|CO2管道|二氧化碳运输", "co2 transport|co2 pipeline|carbon dioxide pipeline|carbon dioxide transport", "", ""),
"5.12": ("二氧化碳地下永久地质封存", "在适宜的地下地质构造中永久封存捕集的二氧化碳。",
        "二氧化碳封存|CO2封存|地质封存|碳封存|CCUS", "carbon capture and storage|co2 storage|geological storage of co2|carbon storage", "", ""),
"6.1": ("城际铁路旅客运输", "购置、融资、租赁和运营城际铁路旅客运输车辆并提供运输服务。",
        "铁路客运|城际铁路运营|动车组购置|客运列车|旅客列车", "passenger rail|intercity rail|high-speed rail operation|passenger train",
        "建设|施工|工程|construction", ""),
"6.2": ("铁路货物运输", "在干线铁路和短途铁路上运营货物运输，以及购置、融资、租赁货运车辆。",
        "铁路货运|货运列车|铁路货物运输|电力机车购置", "rail freight|freight rail|freight train", "建设|施工|工程|construction", ""),
"6.3": ("城市和郊区交通、道路旅客运输", "购置、融资、租赁和运营城市和郊区客运车辆及道路旅客运输车辆。",
        "电动公交|新能源公交|公交车|城市公交|纯电动公交|氢燃料公交|地铁运营|轨道交通运营|有轨电车运营|纯电动客车|新能源客车", "electric bus|e-bus|public transport|bus fleet|metro operation|tram operation",
        "建设|施工|工程|制造|生产|construction|manufactur", ""),
"6.4": ("个人出行设备运营、自行车物流", "销售、购置、租赁和运营由使用者体力或零排放电机驱动的个人出行设备及自行车物流。",
        "共享单车|公共自行车|电动自行车租赁|共享电单车|物流三轮|货运自行车", "bike sharing|e-scooter|cargo bike|cycle logistics|shared bicycles", "", ""),
"6.5": ("摩托车、乘用车和轻型商用车运输", "购置、融资、租赁和运营M1、N1、L类车辆。",
        "新能源汽车购置|电动汽车|纯电动汽车|新能源乘用车|电动出租车|新能源出租车|新能源汽车消费贷|新能源车贷|电动摩托车|新能源轻型货车", "electric car|electric vehicle purchase|ev fleet|battery electric vehicle|electric taxi|electric motorcycle",
        "制造|生产|充电|公交|manufactur|charging", ""),
"6.6": ("道路货物运输服务", "购置、融资、租赁和运营N1、N2、N3类车辆提供道路货运服务。",
        "新能源货车|电动重卡|氢燃料电池重卡|电动物流车|新能源物流车|电动卡车|换电重卡|氢能重卡", "electric truck|zero-emission truck|hydrogen truck|electric hgv|electric lorry",
        "制造|生产|manufactur", ""),
"6.7": ("内河旅客运输", "购置、融资、租赁和运营内河客运船舶。", "内河客船|电动游船|纯电动客船|内河旅游船|内河客运", "inland passenger vessel|inland ferry|electric passenger boat", "", ""),
"6.8": ("内河货物运输", "购置、融资、租赁和运营内河货运船舶。", "内河货船|内河货运|纯电动货船|内河航运|内河集装箱船", "inland waterway freight|inland cargo vessel|barge", "", ""),
"6.9": ("内河客货运输船舶改造", "对内河客货运船舶进行改造和升级。", "内河船舶改造|内河船舶节能改造|船舶油改电|船舶电动化改造", "inland vessel retrofit", "", ""),
"6.10": ("海上和沿海货物运输、港作船舶及辅助活动", "购置、融资、租赁和运营海上及沿海货运船舶、港作船舶和辅助船舶。",
        "远洋运输|沿海货运|散货船|集装箱船|港作船|拖轮|LNG动力船|甲醇动力船|氨燃料船|新造船", "sea freight|container ship|bulk carrier|tugboat|newbuild vessel|shipping company", "", ""),
"6.11": ("海上和沿海旅客运输", "购置、融资、租赁和运营海上及沿海客运船舶。", "海上客运|客滚船|渡轮|邮轮|电动渡轮|客渡船", "ferry|passenger ship|ro-pax|cruise ship", "", ""),
"6.12": ("海上和沿海客货运输船舶改造", "对海上及沿海客货运船舶进行改造和升级。", "船舶节能改造|船舶改造|船舶脱碳改造|风帆助推|节能附体", "ship retrofit|vessel retrofit|energy saving device|wind-assisted propulsion", "内河", ""),
"6.13": ("个人出行和自行车物流基础设施", "建设、现代化改造、维护和运营个人出行和自行车物流基础设施。",
        "自行车道|慢行系统|步行道|人行道|非机动车道|自行车停车", "bike lane|cycle path|pedestrian zone|cycling infrastructure", "", ""),
"6.14": ("铁路运输基础设施", "建设、现代化改造、维护和运营铁路及地下铁路基础设施，包括桥梁隧道、车站、货运场站、安全和交通管理系统。",
        "铁路建设|铁路电气化|铁路工程|铁路专用线|高铁建设|城际铁路建设|铁路站场|铁路货场|铁路枢纽", "railway construction|rail infrastructure|railway electrification|rail track|railway line", "", ""),
"6.15": ("支持低碳道路运输和公共交通的基础设施", "建设、现代化改造、维护和运营零排放车辆所需基础设施、多式联运转运设施及城市公共交通基础设施。",
        "充电桩|充电站|换电站|加氢站|公交场站|地铁建设|轨道交通建设|城市轨道交通工程|BRT|快速公交|有轨电车建设|多式联运", "ev charging station|charging infrastructure|hydrogen refuelling station|metro construction|tram line|bus rapid transit",
        "制造|生产|manufactur", ""),
"6.16": ("支持低碳水运的基础设施", "建设、现代化改造和运营零排放船舶所需基础设施、岸电设施及港口零排放运营设施。",
        "岸电|港口岸电|船舶充电|港口电动化|电动岸桥|码头岸电", "shore power|onshore power supply|port electrification|cold ironing", "", ""),
"6.17": ("低碳机场基础设施", "建设、现代化改造和运营零排放飞机和机场自身零排放运营所需基础设施。",
        "廊桥供电|机场地面电源|桥载电源|飞机地面空调|机场充电|机场电动化", "fixed electrical ground power|preconditioned air|airport charging|airport electrification", "", ""),
"7.1": ("新建建筑", "开发建设住宅和非住宅建筑项目。",
        "新建建筑|新建住宅|住宅开发|房地产开发|商品房开发|写字楼建设|超低能耗建筑|近零能耗建筑|绿色建筑|被动式建筑", "new building|construction of new buildings|residential development|nearly zero-energy building|passive house", "", ""),
"7.2": ("既有建筑改造", "对既有建筑进行土建和其他工程改造。",
        "既有建筑节能改造|建筑节能改造|老旧小区改造|既有建筑改造|绿色化改造|外墙保温改造", "building renovation|energy retrofit|deep renovation|building refurbishment", "", ""),
"7.3": ("节能设备的安装、维护和维修", "安装、维护和维修保温、门窗、照明、暖通空调等节能设备。",
        "节能门窗更换|外墙保温施工|LED照明改造|照明节能改造|暖通空调改造|HVAC改造|空调节能改造|楼宇节能改造", "insulation installation|window replacement|led retrofit|hvac upgrade|lighting retrofit", "", ""),
"7.4": ("建筑内（及附属停车位）电动汽车充电桩的安装、维护和维修", "在建筑内及其附属停车位安装、维护和维修电动汽车充电桩。",
        "小区充电桩|停车场充电桩|建筑充电设施|充电桩安装|地下车库充电", "charging point installation|ev charger installation|wallbox", "", ""),
"7.5": ("建筑能效计量、调节和控制仪器设备的安装、维护和维修", "安装、维护和维修温控、楼宇自控、能耗监测、智能计量和遮阳等设备。",
        "楼宇自控|建筑能耗监测|智能电表安装|智能温控|建筑能源管理系统|BEMS|能耗计量", "building energy management system|smart thermostat|smart meter installation|building automation", "", ""),
"7.6": ("可再生能源技术的安装、维护和维修", "在建筑现场安装、维护和维修光伏、太阳能热水、热泵、小型风机、储能和微型热电联产等设备。",
        "屋顶光伏|建筑光伏|光伏建筑一体化|BIPV|太阳能热水系统安装|建筑可再生能源|户用光伏|工商业屋顶光伏", "rooftop pv|building-integrated photovoltaic|bipv|rooftop solar|residential solar", "", ""),
"7.7": ("建筑物的购置和持有", "购置不动产并行使所有权。",
        "购房|购置房产|按揭|住房贷款|个人住房贷款|商业地产|经营性物业|物业收购|写字楼购置|经营性物业贷款", "mortgage|property acquisition|real estate acquisition|commercial real estate|buy-to-let", "", ""),
"8.1": ("数据处理、托管及相关活动", "存储、处理、管理和传输数据（数据中心）。",
        "数据中心|IDC|云计算中心|算力中心|机房建设", "data centre|data center|colocation|hyperscale", "", ""),
"8.2": ("用于温室气体减排的数据驱动解决方案", "开发或使用主要用于提供数据和分析以实现温室气体减排的信息通信技术解决方案。",
        "碳管理平台|能耗监测平台|碳排放监测系统|智慧能源管理|能源管理平台|碳排放管理系统", "ghg monitoring platform|carbon management software|energy management software|emissions monitoring platform", "", ""),
"9.1": ("近市场研究、开发和创新", "研究、应用研究和试验开发有助于本附件所列活动实现减缓气候变化的解决方案、工艺、技术和产品。",
        "研发|中试|技术攻关|研究开发", "research and development|r&d|pilot plant|demonstration project",
        "", "低碳|减排|节能|新能源|氢|储能|碳|清洁能源|low carbon|low-carbon|decarboni|emission|renewable"),
"9.2": ("二氧化碳直接空气捕集的研究、开发和创新", "研究、开发和创新直接从大气中捕集二氧化碳的技术。", "直接空气捕集|空气碳捕集", "direct air capture", "", ""),
"9.3": ("建筑能效相关专业服务", "提供与建筑能效相关的专业服务：技术咨询、能源审计、能源管理服务、合同能源管理和节能服务公司服务。",
        "合同能源管理|能源审计|节能服务|建筑能效评估|节能咨询|节能服务公司", "energy performance contract|energy audit|energy service company|energy performance certificate", "", ""),
}

# Activity-specific GB/T subsets of the crosswalk (code -> {nace: [gbt…]}).
# Where absent, every GB/T code of the crosswalk row is used.
OVERRIDE = {
    "1.1": {"02.10": ["0212", "0220"]}, "1.2": {"02.10": ["0220", "0232"]},
    "1.3": {"02.10": ["0231", "0232"]}, "1.4": {"02.10": ["0231"]},
    "3.3": {"29.10": ["3612", "3650"], "30.1": ["3731", "3732"], "30.2": ["3711", "3712", "3714", "3715", "3716", "3720"],
            "30.9": ["3751", "3761", "3770"], "33.15": ["4342"]},
    "3.4": {"38.32": ["4210", "4220"]},
    "3.8": {"24.42": ["3216", "3252"]},
    "3.10": {"20.11": ["2619"]}, "3.11": {"20.13": ["2619"]}, "3.12": {"20.13": ["2612"]},
    "3.13": {"20.13": ["2612", "2619"]}, "3.15": {"20.15": ["262"]}, "3.16": {"20.15": ["2611"]},
    "4.1": {"35.11": ["4416"], "42.22": ["4875"]}, "4.2": {"35.11": ["4416"], "42.22": ["4875"]},
    "4.3": {"35.11": ["4415"], "42.22": ["4874"]}, "4.4": {"35.11": ["4419"], "42.22": ["4879"]},
    "4.5": {"35.11": ["4413"], "42.22": ["4872"]}, "4.6": {"35.11": ["4419"], "42.22": ["4879"]},
    "4.7": {"35.11": ["4417", "4419"], "42.22": ["4879"]}, "4.8": {"35.11": ["4417"]},
    "4.13": {"35.21": ["4520"]}, "4.14": {"35.22": ["4511", "4520"], "42.21": ["4852"]},
    "4.17": {"35.11": ["4412", "4416"]}, "4.18": {"35.11": ["4412", "4419"]},
    "4.19": {"35.11": ["4412", "4417", "4419"]}, "4.20": {"35.11": ["4412", "4417"]},
    "5.1": {"42.99": ["4899"]}, "5.2": {"42.99": ["4899"]},
    "5.3": {"42.99": ["4862"]}, "5.6": {"42.99": ["4862"]}, "5.7": {"42.99": ["4862"]},
    "5.8": {"42.99": ["4862"]}, "5.9": {"42.99": ["4862"]},
    "5.11": {"42.21": ["4852"]},
    "6.3": {"77.11": ["7111"]}, "6.9": {"33.15": ["4342", "3735"]}, "6.12": {"33.15": ["4342", "3735"]},
    "6.14": {"52.21": ["5331", "5332", "5333", "5339"]},
    "6.17": {"41.20": ["4790"]},
    "7.2": {"41": ["47"]},
    "8.2": {"63.11": ["6550", "6450"]},
}

# Act's NACE references → NACE Rev. 2 codes (section letter dropped; one-class
# groups written as the class). The act's "A2" for forestry means the four
# classes it lists; its "F71.1"/"F711"/"F71.20" are section M codes.
NACE_FIX = {"A2": ["02.10", "02.20", "02.30", "02.40"], "H49.3.9": ["49.39"], "H49.4.1": ["49.41"],
            "M71.1.2": ["71.12"], "F711": ["71.1"], "F71.1": ["71.1"], "F71.20": ["71.20"],
            "H50.4": ["50.40"], "H50.2": ["50.20"], "C29.1": ["29.10"], "C30.2": ["30.20"],
            "C27.2": ["27.20"], "F41.1": ["41.10"], "F41.2": ["41.20"], "L68": ["68"]}
# --- Substantial-contribution criteria (climate change mitigation) --------
# Each entry: item, kind, variable, operator, threshold, unit, quote needles
# (the quoted text is the line(s) of the act containing them), and options.
def C(item, kind, var, op, thr, unit, needles, group="", applies="", note="", vf="", vu="",
      cond="", std=""):
    return dict(item=item, kind=kind, variable=var, operator=op, threshold=thr, unit=unit,
                needles=needles if isinstance(needles, list) else [needles], any_group=group,
                applies_if_keywords=applies, note=note, valid_from=vf, valid_until=vu,
                condition=cond, standard=std)

Q, N = "qualitative", "quantitative"
UNTIL25 = "2025-12-31"
FROM26 = "2026-01-01"
FOSSIL = "Vehicles are not dedicated to the transport of fossil fuels"

SC = []
# Forestry and wetlands
for code, plan in (("1.1", "is covered by an afforestation plan"),
                   ("1.2", "is subject to a forest management plan"),
                   ("1.3", "is subject to a forest management plan"),
                   ("1.4", "is subject to a forest management plan")):
    SC += [
        C(code, Q, "management_plan_in_place", "is_true", "", "", plan),
        C(code, Q, "climate_benefit_demonstrated", "is_true", "", "",
          ["the climate benefit analysis demonstrates that the net balance", "Forest holdings under 13ha"],
          cond="site_area >= 13 hectare", note="forest holdings under 13 ha need no climate benefit analysis (point 2.4)"),
        C(code, Q, "permanence_guaranteed", "is_true", "", "", "3.1. In accordance with national law, the forest status"),
        C(code, Q, "third_party_audit", "is_true", "", "", "Within two years after the beginning of the activity"),
    ]
SC += [
    C("2.1", Q, "management_plan_in_place", "is_true", "", "", "The area is covered by a restoration plan"),
    C("2.1", Q, "climate_benefit_demonstrated", "is_true", "", "", "the climate benefit analysis demonstrates that the net balance"),
    C("2.1", Q, "permanence_guaranteed", "is_true", "", "", "the wetland status of the area"),
    C("2.1", Q, "third_party_audit", "is_true", "", "", "Within two years after the beginning of the activity"),
]
# Manufacturing
SC += [
    C("3.1", Q, "sc_condition_met", "is_true", "", "", "The economic activity manufactures renewable energy technologies"),
    C("3.2", Q, "sc_condition_met", "is_true", "", "", "equipment for the production of hydrogen compliant"),
    C("3.3", Q, "zero_direct_co2_emissions", "is_true", "", "", "urban, suburban and road passenger transport devices, where the direct (tailpipe) CO2 emissions of the vehicles are zero", group="3.3-product",
      note="zero direct (tailpipe) CO2 emissions: the criterion for most product types listed (rolling stock, buses, personal mobility, heavy-duty, vessels)"),
    C("3.3", N, "vehicle_co2_per_km", "<", "50", "gCO2/km", "lower than 50gCO2/km", group="3.3-product", vu=UNTIL25,
      applies="乘用车|轻型车|轻型商用车|小汽车|passenger car|light commercial|light-duty", note="M1/N1 light-duty vehicles until 31 December 2025"),
    C("3.3", N, "vehicle_co2_per_km", "==", "0", "gCO2/km", "from 1 January 2026: specific emissions of CO2", group="3.3-product", vf=FROM26,
      applies="乘用车|轻型车|轻型商用车|小汽车|passenger car|light commercial|light-duty"),
    C("3.3", Q, "sc_condition_met", "is_true", "", "", ["until 31 December 2025, vehicles designated as categories M2 and M3", "low-emission heavy-duty vehicles"], group="3.3-product",
      note="other listed options (Euro VI buses until 2025, low-emission heavy-duty vehicles, hybrid vessels, EEDI) confirmed by reviewer"),
    C("3.4", Q, "sc_condition_met", "is_true", "", "", ["The economic activity manufactures rechargeable batteries", "The economic activity recycles end-of-life batteries"]),
    C("3.5", N, "u_value", "<=", "1.0", "W/(m**2*K)", "windows with U-value lower or equal to 1,0", group="3.5-product", applies="窗|window"),
    C("3.5", N, "u_value", "<=", "1.2", "W/(m**2*K)", "doors with U-value lower or equal to 1,2", group="3.5-product", applies="门|door"),
    C("3.5", N, "u_value", "<=", "0.5", "W/(m**2*K)", "external wall systems with U-value lower or equal to 0,5", group="3.5-product", applies="外墙|墙体|wall"),
    C("3.5", N, "u_value", "<=", "0.3", "W/(m**2*K)", "roofing systems with U-value lower or equal to 0,3", group="3.5-product", applies="屋面|屋顶|roof"),
    C("3.5", N, "thermal_conductivity", "<=", "0.06", "W/(m*K)", "insulating products with a lambda value lower or equal to 0,06", group="3.5-product", applies="保温|隔热|岩棉|insulat"),
    C("3.5", Q, "top_two_energy_classes", "is_true", "", "", ["household appliances falling into the highest two populated classes", "light sources rated in the highest two populated classes"], group="3.5-product",
      note="appliances, light sources, space/water heating, cooling and ventilation: highest two populated EU energy-label classes"),
    C("3.5", Q, "sc_condition_met", "is_true", "", "", ["presence and daylight controls", "energy-efficient building automation and control systems"], group="3.5-product",
      note="other listed products (controls, heat pumps per 4.16, shading, metering, district-heating substations)"),
    C("3.6", Q, "sc_condition_met", "is_true", "", "", "demonstrate substantial life-cycle GHG emission savings"),
    C("3.6", Q, "lifecycle_ghg_verified", "is_true", "", "", "Life-cycle GHG emission savings are calculated using Commission Recommendation 2013/179/EU or, alternatively, ISO 14067:2018"),
    C("3.7", N, "clinker_intensity", "<", "0.722", "tCO2e/t", "grey cement clinker where the specific GHG emissions are lower than 0,722", group="3.7-product"),
    C("3.7", N, "cement_intensity", "<", "0.469", "tCO2e/t", "lower than 0,469 tCO2e per tonne of cement", group="3.7-product"),
    C("3.8", N, "product_ghg_intensity", "<=", "1.484", "tCO2e/t", "the GHG emissions do not exceed 1,484", applies="原铝|电解铝|primary alumin|smelter",
      note="primary aluminium; until end-2025 two of the three criteria sufficed, after 2025 all three apply (encoded as all three)"),
    C("3.8", N, "consumed_electricity_ghg_intensity", "<=", "100", "gCO2e/kWh", "the average carbon intensity for the indirect GHG emissions does not exceed 100g", applies="原铝|电解铝|primary alumin|smelter"),
    C("3.8", N, "electricity_intensity", "<=", "15.5", "MWh/t", "the electricity consumption for the manufacturing process does not exceed 15.5", applies="原铝|电解铝|primary alumin|smelter"),
    C("3.8", Q, "sc_condition_met", "is_true", "", "", "- secondary aluminium.", applies="再生铝|secondary alumin|recycled alumin", note="secondary aluminium qualifies without a threshold"),
    C("3.9", N, "hot_metal_intensity", "<=", "1.331", "tCO2e/t", "hot metal = 1,331", group="3.9-steel", applies="高炉|铁水|炼铁|hot metal|blast furnace|ironmaking",
      note="benchmarks apply to each process step operated; greenkit checks the steps the loan text names (any_group)"),
    C("3.9", N, "sinter_intensity", "<=", "0.163", "tCO2e/t", "sintered ore = 0,163", group="3.9-steel", applies="烧结|sinter"),
    C("3.9", N, "coke_intensity", "<=", "0.144", "tCO2e/t", "coke (excluding lignite coke) = 0,144", group="3.9-steel", applies="焦炭|焦炉|炼焦|coke"),
    C("3.9", N, "iron_casting_intensity", "<=", "0.299", "tCO2e/t", "iron casting = 0,299", group="3.9-steel", applies="铸铁|铸造|iron casting|foundry"),
    C("3.9", N, "eaf_high_alloy_steel_intensity", "<=", "0.266", "tCO2e/t", "electric Arc Furnace (EAF) high alloy steel = 0,266", group="3.9-steel", applies="高合金|不锈钢|high alloy|stainless"),
    C("3.9", N, "eaf_carbon_steel_intensity", "<=", "0.209", "tCO2e/t", "electric Arc Furnace (EAF) carbon steel = 0,209", group="3.9-steel", applies="电炉|电弧炉|短流程|EAF|electric arc"),
    C("3.9", N, "scrap_input_share", ">=", "70", "percent", "70 % for the production of high alloy steel", group="3.9-steel", applies="高合金|不锈钢|high alloy|stainless"),
    C("3.9", N, "scrap_input_share", ">=", "90", "percent", "90 % for the production of carbon steel", group="3.9-steel", applies="电炉|电弧炉|短流程|EAF|electric arc"),
    C("3.10", N, "ghg_emission_savings", ">=", "73.4", "percent", "life-cycle GHG emissions savings requirement of 73.4%", group="3.10-h2",
      note="73.4 % savings and < 3 tCO2e/tH2 state the same requirement; either value suffices"),
    C("3.10", N, "hydrogen_lifecycle_ghg_intensity", "<", "3", "tCO2e/t", "life-cycle GHG emissions lower than 3tCO2e/tH2", group="3.10-h2"),
    C("3.10", N, "ghg_emission_savings", ">=", "70", "percent", "70% for hydrogen-based synthetic fuels", applies="合成燃料|电制燃料|e-fuel|synthetic fuel|电制甲醇|绿色甲醇",
      note="hydrogen-based synthetic fuels"),
    C("3.10", Q, "lifecycle_ghg_verified", "is_true", "", "", "Quantified life-cycle GHG emission savings are verified"),
    C("3.11", N, "product_ghg_intensity", "<", "1.141", "tCO2e/t", "lower than 1,141 tCO2e per tonne of product"),
    C("3.12", N, "product_ghg_intensity", "<", "0.789", "tCO2e/t", "lower than 0,789 tCO2e per tonne of product"),
    C("3.13", N, "electricity_intensity", "<=", "2.45", "MWh/t", "equal or lower than 2.45 MWh per tonne of chlorine"),
    C("3.13", N, "consumed_electricity_ghg_intensity", "<=", "100", "gCO2e/kWh", "at or lower than 100 g CO2e/kWh"),
    C("3.13", Q, "lifecycle_ghg_verified", "is_true", "", "", "Quantified life-cycle GHG emissions are verified by an independent third party"),
    C("3.14", N, "product_ghg_intensity", "<", "0.693", "tCO2e/t", "for HVC: 0,693", group="3.14-product", applies="乙烯|丙烯|丁二烯|裂解|HVC|high value chemical|ethylene|propylene|butadiene|cracker"),
    C("3.14", N, "product_ghg_intensity", "<", "0.0072", "tCO2e/t", "for aromatics: 0,0072", group="3.14-product", applies="芳烃|aromatics|BTX",
      note="per tonne of complex weighted throughput (CWT)"),
    C("3.14", N, "product_ghg_intensity", "<", "0.171", "tCO2e/t", "for vinyl chloride: 0,171", group="3.14-product", applies="氯乙烯|vinyl chloride|VCM"),
    C("3.14", N, "product_ghg_intensity", "<", "0.419", "tCO2e/t", "for styrene: 0,419", group="3.14-product", applies="苯乙烯|styrene"),
    C("3.14", N, "product_ghg_intensity", "<", "0.314", "tCO2e/t", "for ethylene oxide/ethylene glycols: 0,314", group="3.14-product", applies="环氧乙烷|乙二醇|ethylene oxide|ethylene glycol|glycol"),
    C("3.14", N, "product_ghg_intensity", "<", "0.32", "tCO2e/t", "for adipic acid: 0,32", group="3.14-product", applies="己二酸|adipic"),
    C("3.14", Q, "sc_condition_met", "is_true", "", "", "Where the organic chemicals in scope are produced wholly or partially from renewable feedstock", group="3.14-product",
      note="renewable-feedstock route: lower life-cycle emissions than the fossil equivalent, third-party verified"),
    C("3.15", Q, "hydrogen_tsc_compliant", "is_true", "", "", "ammonia is produced from hydrogen that complies", group="3.15-route"),
    C("3.15", Q, "sc_condition_met", "is_true", "", "", "ammonia is recovered from waste water", group="3.15-route"),
    C("3.16", N, "product_ghg_intensity", "<", "0.038", "tCO2e/t", "lower than 0,038 tCO2e per tonne of nitric acid"),
    C("3.17", Q, "sc_condition_met", "is_true", "", "", ["fully manufactured by mechanical recycling of plastic waste", "fully manufactured by chemical recycling", "derived wholly or partially from renewable feedstock"],
      note="one of: mechanical recycling; chemical recycling with lower life-cycle emissions; renewable feedstock with lower life-cycle emissions"),
]
# Energy
LCA = "lower than 100gCO2e"
SC += [
    C("4.5", Q, "run_of_river_no_reservoir", "is_true", "", "", "run-of-river plant and does not have an artificial reservoir", group="4.5-hydro"),
    C("4.5", N, "power_density", ">", "5", "W/m**2", "power density of the electricity generation facility is above 5 W/m", group="4.5-hydro"),
    C("4.5", N, "lifecycle_ghg_intensity", "<", "100", "gCO2e/kWh", "from hydropower, are lower than 100gCO2e/kWh", group="4.5-hydro"),
    C("4.6", N, "lifecycle_ghg_intensity", "<", "100", "gCO2e/kWh", "from geothermal energy are lower than 100gCO2e/kWh"),
    C("4.6", Q, "lifecycle_ghg_verified", "is_true", "", "", "Quantified life-cycle GHG emissions are verified by an independent third party"),
    C("4.7", N, "lifecycle_ghg_intensity", "<", "100", "gCO2e/kWh", "renewable gaseous and liquid fuels are lower than 100gCO2e/kWh"),
    C("4.7", Q, "lifecycle_ghg_verified", "is_true", "", "", "Quantified life-cycle GHG emissions are verified by an independent third party"),
    C("4.7", Q, "methane_leak_monitoring", "is_true", "", "", ["measurement equipment for monitoring of physical emissions", "physical measurement of methane emissions are reported"]),
    C("4.7", Q, "biomass_red2_compliant", "is_true", "", "", "Where the activity blends renewable gaseous or liquid fuels with biogas", applies="沼气|生物|biogas|bioliquid|biomethane"),
    C("4.8", Q, "biomass_red2_compliant", "is_true", "", "", "Agricultural biomass used in the activity complies", cond="rated_thermal_input >= 2 MW",
      note="points 1-2 do not apply below 2 MW rated thermal input with gaseous biomass fuels"),
    C("4.8", N, "ghg_emission_savings", ">=", "80", "percent", "at least 80 % in relation to the GHG saving methodology", cond="rated_thermal_input >= 2 MW"),
    C("4.8", Q, "sc_condition_met", "is_true", "", "", "For electricity generation installations with a total rated thermal input from 50 to 100 MW",
      cond="rated_thermal_input >= 50 MW & rated_thermal_input <= 100 MW", note="high-efficiency cogeneration or BAT-AEL energy efficiency"),
    C("4.8", N, "electrical_efficiency", ">=", "36", "percent", "attains electrical efficiency of at least 36 %", group="4.8-large", cond="rated_thermal_input > 100 MW"),
    C("4.8", Q, "sc_condition_met", "is_true", "", "", ["applies highly efficient CHP", "uses carbon capture and storage technology"], group="4.8-large", cond="rated_thermal_input > 100 MW"),
    C("4.9", Q, "sc_condition_met", "is_true", "", "", ["the system is the interconnected European system",
      "construction and operation of direct connection, or expansion of existing direct connection, of low carbon electricity generation"], group="4.9-system",
      note="the European interconnected system or one of the listed always-eligible measures (point 2)"),
    C("4.9", N, "grid_new_capacity_low_carbon_share", ">", "67", "percent", "more than 67% of newly enabled generation capacity", group="4.9-system"),
    C("4.9", N, "grid_average_emission_factor", "<", "100", "gCO2e/kWh", "the average system grid emissions factor", group="4.9-system",
      note="rolling five-year average, life-cycle basis"),
    C("4.10", Q, "hydrogen_tsc_compliant", "is_true", "", "", "Where the activity includes chemical energy storage", applies="氢|氨|hydrogen|ammonia"),
    C("4.12", Q, "hydrogen_tsc_compliant", "is_true", "", "", "operation of hydrogen storage facilities where the hydrogen stored", applies="运营|运行|operation|operating"),
    C("4.13", Q, "biomass_red2_compliant", "is_true", "", "", "Agricultural biomass used for the manufacture of biogas or biofuels"),
    C("4.13", Q, "no_food_feed_crops", "is_true", "", "", "Food-and feed crops are not used"),
    C("4.13", N, "ghg_emission_savings", ">=", "65", "percent", "are at least 65 %"),
    C("4.14", Q, "sc_condition_met", "is_true", "", "", ["new transmission and distribution networks dedicated to hydrogen", "conversion/repurposing of existing natural gas networks to 100% hydrogen"]),
    C("4.14", Q, "methane_leak_monitoring", "is_true", "", "", "The activity includes leak detection and repair of existing gas pipelines"),
    C("4.15", Q, "efficient_district_heating", "is_true", "", "", "the system meets the definition of efficient district heating and cooling systems", group="4.15-dh"),
    C("4.15", Q, "sc_condition_met", "is_true", "", "", ["for refurbishment of pipelines", "modification to lower temperature regimes"], group="4.15-dh"),
    C("4.16", N, "refrigerant_gwp", "<=", "675", "", "Global Warming Potential does not exceed 675"),
    C("4.16", Q, "ecodesign_compliant", "is_true", "", "", "energy efficiency requirements laid down in the implementing regulations under Directive 2009/125/EC are met"),
    C("4.18", N, "lifecycle_ghg_intensity", "<", "100", "gCO2e/kWh", "from geothermal energy are lower than 100gCO2e per 1 kWh"),
    C("4.18", Q, "lifecycle_ghg_verified", "is_true", "", "", "Quantified life-cycle GHG emissions are verified by an independent third party"),
    C("4.19", N, "lifecycle_ghg_intensity", "<", "100", "gCO2e/kWh", "renewable gaseous and liquid fuels are lower than 100gCO2e per 1 kWh"),
    C("4.19", Q, "lifecycle_ghg_verified", "is_true", "", "", "Quantified life-cycle GHG emissions are verified by an independent third party"),
    C("4.19", Q, "methane_leak_monitoring", "is_true", "", "", ["measurement equipment for monitoring of physical emissions", "physical measurement of methane emissions are reported"]),
    C("4.20", Q, "biomass_red2_compliant", "is_true", "", "", "Agricultural biomass used in the activity complies", cond="rated_thermal_input >= 2 MW"),
    C("4.20", N, "ghg_emission_savings", ">=", "80", "percent", "in cogeneration installations are at least 80 %", cond="rated_thermal_input >= 2 MW"),
    C("4.22", N, "lifecycle_ghg_intensity", "<", "100", "gCO2e/kWh", "heat/cool from geothermal energy are lower than 100gCO2e/kWh"),
    C("4.22", Q, "lifecycle_ghg_verified", "is_true", "", "", "Quantified life-cycle GHG emissions are verified by an independent third party"),
    C("4.23", N, "lifecycle_ghg_intensity", "<", "100", "gCO2e/kWh", "heat/cool using renewable gaseous and liquid fuels are lower than 100gCO2e/kWh"),
    C("4.23", Q, "lifecycle_ghg_verified", "is_true", "", "", "Quantified life-cycle GHG emissions are verified by an independent third party"),
    C("4.23", Q, "methane_leak_monitoring", "is_true", "", "", ["measurement equipment for monitoring physical emissions", "physical measurement of methane emissions are reported"]),
    C("4.24", Q, "biomass_red2_compliant", "is_true", "", "", "Agricultural biomass used in the activity for the production of heat and cool complies", cond="rated_thermal_input >= 2 MW"),
    C("4.24", N, "ghg_emission_savings", ">=", "80", "percent", "from the use of biomass are at least 80 %", cond="rated_thermal_input >= 2 MW"),
]
# Water, waste, CO2
SC += [
    C("5.1", N, "water_supply_energy_intensity", "<=", "0.5", "kWh/m**3", "equals to or is lower than 0.5 kWh per cubic meter", group="5.1-water"),
    C("5.1", N, "infrastructure_leakage_index", "<=", "1.5", "", "Infrastructure Leakage Index (ILI)rating method and the threshold value equals to or is lower than 1.5", group="5.1-water"),
    C("5.2", N, "energy_consumption_reduction", ">=", "20", "percent", "by decreasing the net average energy consumption of the system by at least 20%", group="5.2-water"),
    C("5.2", N, "leakage_gap_reduction", ">=", "20", "percent", "by closing the gap by at least 20%", group="5.2-water"),
    C("5.3", N, "wwtp_energy_per_pe", "<=", "35", "kWh/year", "35 kWh per population equivalent", group="5.3-energy", cond="plant_capacity_pe < 10000",
      note="kWh per population equivalent per year"),
    C("5.3", N, "wwtp_energy_per_pe", "<=", "25", "kWh/year", "25 kWh per population equivalent", group="5.3-energy", cond="plant_capacity_pe >= 10000 & plant_capacity_pe <= 100000"),
    C("5.3", N, "wwtp_energy_per_pe", "<=", "20", "kWh/year", "20 kWh per population equivalent", group="5.3-energy", cond="plant_capacity_pe > 100000"),
    C("5.4", N, "energy_consumption_reduction", ">=", "20", "percent", ["decreasing the average energy consumption by 20%", "by at least 20% compared to own baseline"]),
    C("5.5", Q, "sc_condition_met", "is_true", "", "", "is intended for preparation for reuse or recycling operations"),
    C("5.6", Q, "methane_leak_monitoring", "is_true", "", "", "A monitoring and contingency plan is in place in order to minimise methane leakage"),
    C("5.6", Q, "sc_condition_met", "is_true", "", "", "The produced biogas is used directly for the generation of electricity or heat"),
    C("5.7", Q, "methane_leak_monitoring", "is_true", "", "", "A monitoring and contingency plan is in place in order to minimise methane leakage"),
    C("5.7", Q, "sc_condition_met", "is_true", "", "", ["The produced biogas is used directly", "is source segregated and collected separately", "The produced digestate is used as fertiliser"]),
    C("5.7", N, "food_feed_crop_share", "<=", "10", "percent", "less than or equal to 10% of the input feedstock"),
    C("5.8", Q, "sc_condition_met", "is_true", "", "", ["The bio-waste that is composted is source segregated", "The compost produced is used as fertiliser"]),
    C("5.9", N, "material_recovery_rate", ">=", "50", "percent", "converts at least 50 %, in terms of weight"),
    C("5.10", Q, "sc_condition_met", "is_true", "", "", ["The landfill has not been opened after 8 July 2020", "is permanently closed", "The produced landfill gas is used"]),
    C("5.10", Q, "methane_leak_monitoring", "is_true", "", "", "Methane emissions from the landfill and leakages"),
    C("5.11", N, "co2_leakage_rate", "<=", "0.5", "percent", "does not lead to CO2 leakages above 0.5 %"),
    C("5.11", Q, "sc_condition_met", "is_true", "", "", ["The CO2 is delivered to a permanent CO2 storage site", "Appropriate leak detection systems are applied"]),
    C("5.12", Q, "sc_condition_met", "is_true", "", "", ["Characterisation and assessment of the potential storage complex", "appropriate leakage detection systems are implemented", "complies with ISO 27914:2017"]),
]
# Transport
SC += [
    C("6.1", Q, "zero_direct_co2_emissions", "is_true", "", "", "the trains and passenger coaches have zero direct (tailpipe) CO2 emissions", group="6.1-fleet"),
    C("6.1", Q, "sc_condition_met", "is_true", "", "", "(bimode)", group="6.1-fleet", note="bimode trains (zero tailpipe on electrified track)"),
    C("6.2", Q, "zero_direct_co2_emissions", "is_true", "", "", "the trains and wagons have zero direct tailpipe CO2 emission;", group="6.2-fleet"),
    C("6.2", Q, "sc_condition_met", "is_true", "", "", "(bimode)", group="6.2-fleet", note="bimode trains"),
    C("6.2", Q, "not_dedicated_to_fossil_fuels", "is_true", "", "", "The trains and wagons are not dedicated to the transport of fossil fuels"),
    C("6.3", Q, "zero_direct_co2_emissions", "is_true", "", "", "the activity provides urban or suburban passenger transport and its direct (tailpipe) CO2 emissions are zero", group="6.3-fleet"),
    C("6.3", Q, "sc_condition_met", "is_true", "", "", "until 31 December 2025, the activity provides interurban passenger road transport", group="6.3-fleet", vu=UNTIL25,
      note="interurban M2/M3 buses meeting the latest Euro VI step, until 31 December 2025"),
    C("6.4", Q, "zero_direct_co2_emissions", "is_true", "", "", "The propulsion of personal mobility devices comes from the physical activity of the user",
      note="human-powered or zero-emission motor"),
    C("6.4", Q, "sc_condition_met", "is_true", "", "", "allowed to be operated on the same public infrastructure as bikes or pedestrians"),
    C("6.5", N, "vehicle_co2_per_km", "<", "50", "gCO2/km", "until 31 December 2025, specific emissions of CO2", group="6.5-vehicle", vu=UNTIL25),
    C("6.5", N, "vehicle_co2_per_km", "==", "0", "gCO2/km", "from 1 January 2026, specific emissions of CO2", group="6.5-vehicle", vf=FROM26),
    C("6.5", N, "vehicle_co2_per_km", "==", "0", "gCO2/km", "for vehicles of category L, the tailpipe CO2 emissions equal to 0g", group="6.5-vehicle",
      applies="摩托|二轮|三轮|motorcycle|motorbike|moped|L category", note="category L (two- and three-wheelers)"),
    C("6.6", Q, "zero_direct_co2_emissions", "is_true", "", "", "vehicles of category N1 have zero direct (tailpipe) CO2 emissions", group="6.6-fleet"),
    C("6.6", Q, "sc_condition_met", "is_true", "", "", "low-emission heavy-duty vehicles", group="6.6-fleet",
      note="N2/N3 above 7.5 t: low-emission heavy-duty vehicles where zero-emission is not feasible"),
    C("6.6", Q, "not_dedicated_to_fossil_fuels", "is_true", "", "", "Vehicles are not dedicated to the transport of fossil fuels"),
    C("6.7", Q, "zero_direct_co2_emissions", "is_true", "", "", "the vessels have zero direct (tailpipe) CO2 emissions", group="6.7-vessel"),
    C("6.7", N, "vessel_zero_emission_energy_share", ">=", "50", "percent", "derive at least 50% of their energy", group="6.7-vessel", vu=UNTIL25),
    C("6.8", Q, "zero_direct_co2_emissions", "is_true", "", "", "the vessels have zero direct (tailpipe) CO2 emission", group="6.8-vessel"),
    C("6.8", N, "co2_per_tkm_below_hdv_reference", ">=", "50", "percent", "50% lower than the average reference value", group="6.8-vessel", vu=UNTIL25,
      note="gCO2/tkm (EEOI) at least 50 % below the HDV sub-group 5-LH reference"),
    C("6.8", Q, "not_dedicated_to_fossil_fuels", "is_true", "", "", "Vessels are not dedicated to the transport of fossil fuels"),
    C("6.9", N, "fuel_consumption_reduction", ">=", "10", "percent", "reduces fuel consumption of the vessel by at least 10 %", vu=UNTIL25),
    C("6.9", Q, "not_dedicated_to_fossil_fuels", "is_true", "", "", "not dedicated to transport of fossil fuels"),
    C("6.10", Q, "zero_direct_co2_emissions", "is_true", "", "", "the vessels have zero direct (tailpipe) CO2 emissions", group="6.10-vessel"),
    C("6.10", N, "vessel_zero_emission_energy_share", ">=", "25", "percent", "derive at least 25 % of their energy", group="6.10-vessel", vu=UNTIL25),
    C("6.10", N, "co2_per_tkm_below_hdv_reference", ">=", "50", "percent", "50 % lower than the average reference CO2 emissions value", group="6.10-vessel", vu=UNTIL25,
      note="EEDI-based; only vessels used exclusively for coastal and short-sea services enabling modal shift"),
    C("6.10", N, "eedi_below_requirement", ">=", "10", "percent", "Energy Efficiency Design Index (EEDI) value 10 % below", group="6.10-vessel", vu=UNTIL25,
      note="vessels able to run on zero-emission or renewable fuels"),
    C("6.10", Q, "not_dedicated_to_fossil_fuels", "is_true", "", "", "Vessels are not dedicated to the transport of fossil fuels"),
    C("6.11", Q, "zero_direct_co2_emissions", "is_true", "", "", "the vessels have zero direct (tailpipe) CO2 emissions", group="6.11-vessel"),
    C("6.11", N, "vessel_zero_emission_energy_share", ">=", "25", "percent", "derive at least 25% of their energy", group="6.11-vessel", vu=UNTIL25),
    C("6.11", N, "eedi_below_requirement", ">=", "10", "percent", "Energy Efficiency Design Index (EEDI) value 10% below", group="6.11-vessel", vu=UNTIL25),
    C("6.12", N, "fuel_consumption_reduction", ">=", "10", "percent", "reduces fuel consumption of the vessel by at least 10 %", vu=UNTIL25),
    C("6.12", Q, "not_dedicated_to_fossil_fuels", "is_true", "", "", "Vessels are not dedicated to the transport of fossil fuels"),
    C("6.13", Q, "sc_condition_met", "is_true", "", "", "dedicated to personal mobility or cycle logistics"),
    C("6.14", Q, "sc_condition_met", "is_true", "", "", ["electrified trackside infrastructure and associated subsystems",
      "dedicated to transhipping freight between the modes", "dedicated to the transfer of passengers from rail to rail"]),
    C("6.14", Q, "not_dedicated_to_fossil_fuels", "is_true", "", "", "The infrastructure is not dedicated to the transport or storage of fossil fuels"),
    C("6.15", Q, "sc_condition_met", "is_true", "", "", ["dedicated to the operation of vehicles with zero tailpipe CO2 emissions",
      "dedicated to urban and suburban public passenger transport"]),
    C("6.15", Q, "not_dedicated_to_fossil_fuels", "is_true", "", "", "The infrastructure is not dedicated to the transport or storage of fossil fuels"),
    C("6.16", Q, "sc_condition_met", "is_true", "", "", ["dedicated to the operation of vessels with zero direct", "shore-side electrical power"]),
    C("6.16", Q, "not_dedicated_to_fossil_fuels", "is_true", "", "", "The infrastructure is not dedicated to the transport or storage of fossil fuels"),
    C("6.17", Q, "sc_condition_met", "is_true", "", "", ["dedicated to the operation of aircraft with zero tailpipe", "fixed electrical ground power"]),
    C("6.17", Q, "not_dedicated_to_fossil_fuels", "is_true", "", "", "The infrastructure is not dedicated to the transport or storage of fossil fuels"),
]
# Construction and real estate
SC += [
    C("7.1", N, "primary_energy_vs_nzeb", ">=", "10", "percent", "is at least 10 % lower than the threshold set for the nearly zero-energy building (NZEB)",
      note="percentage by which the building's primary energy demand is below the national NZEB threshold; as-built EPC"),
    C("7.1", Q, "airtightness_tested", "is_true", "", "", "undergoes testing for air-tightness and thermal integrity", cond="floor_area > 5000 m**2"),
    C("7.1", Q, "lifecycle_gwp_disclosed", "is_true", "", "", "the life-cycle Global Warming Potential (GWP) of the building", cond="floor_area > 5000 m**2"),
    C("7.2", Q, "major_renovation_compliant", "is_true", "", "", "complies with the applicable requirements for major renovations", group="7.2-renovation"),
    C("7.2", N, "primary_energy_reduction", ">=", "30", "percent", "reduction of primary energy demand (PED) of at least 30 %", group="7.2-renovation"),
    C("7.3", Q, "sc_condition_met", "is_true", "", "", "The activity consists in one of the following individual measures provided that they comply with minimum requirements",
      note="listed measure, meeting national minimum requirements and, where applicable, the highest two populated energy-label classes"),
    C("7.4", Q, "sc_condition_met", "is_true", "", "", "Installation, maintenance or repair of charging stations for electric vehicles"),
    C("7.5", Q, "sc_condition_met", "is_true", "", "", "The activity consists in one of the following individual measures:"),
    C("7.6", Q, "sc_condition_met", "is_true", "", "", "if installed on-site as technical building systems"),
    C("7.7", N, "epc_class", "in", "A", "", "the building has at least an Energy Performance Certificate (EPC) class A", group="7.7-performance", cond="construction_year <= 2020",
      note="buildings built before 31 December 2020"),
    C("7.7", Q, "top15_percent_stock", "is_true", "", "", "the building is within the top 15% of the national or regional building stock", group="7.7-performance", cond="construction_year <= 2020"),
    C("7.7", N, "primary_energy_vs_nzeb", ">=", "10", "percent", ["For buildings built after 31 December 2020, the building meets the criteria specified in Section 7.1",
      "7.1::is at least 10 % lower than the threshold set for the nearly zero-energy building"], group="7.7-performance",
      cond="construction_year >= 2021", note="7.1 criterion: PED at least 10 % below NZEB"),
    C("7.7", Q, "energy_performance_monitoring", "is_true", "", "", "it is efficiently operated through energy performance monitoring and assessment", cond="heating_rated_output > 290 kW",
      note="large non-residential buildings (heating/air-conditioning systems over 290 kW)"),
]
# ICT and professional
SC += [
    C("8.1", Q, "dc_code_of_conduct_practices", "is_true", "", "", "expected practices", note="European Code of Conduct on Data Centre Energy Efficiency or CLC TR50600-99-1; verified by an independent third party at least every three years",
      std="European Code of Conduct on Data Centre Energy Efficiency; CEN-CENELEC CLC TR50600-99-1"),
    C("8.1", N, "refrigerant_gwp", "<=", "675", "", "data centre cooling system does not exceed 675"),
    C("8.2", Q, "sc_condition_met", "is_true", "", "", ["predominantly used for the provision of data and analytics enabling GHG emission reductions", "demonstrates substantial life-cycle GHG emission savings"]),
    C("9.1", Q, "sc_condition_met", "is_true", "", "", ["The activity researches, develops or provides innovation for technologies", "aims at bringing to market a solution that is not yet in the market"]),
    C("9.2", Q, "sc_condition_met", "is_true", "", "", ["dedicated to the direct air capture of CO2", "potential to result in overall net GHG emissions reductions"]),
    C("9.3", Q, "sc_condition_met", "is_true", "", "", "The activity consists in one of the following:"),
]
# --- China green bond catalogue 2021 ↔ EU taxonomy 2021 (mitigation) -------
# greenkit mapping by meaning of the two texts (the IPSF Common Ground
# Taxonomy table could not be retrieved; see manifest/report). relation:
# exact = same activity scope; partial = overlapping scope. Criteria may
# differ even for exact pairs.
P, E = "partial", "exact"
CN_EU = [
    # (cn_code, eu_code, relation, note)
    ("4.2.2.1", "1.1", P, "CN covers forest cultivation incl. afforestation and sustainable forest management"),
    ("4.2.2.3", "1.1", P, "carbon-sink forests and tree planting"),
    ("4.2.1.5", "1.1", P, "returning farmland to forest (afforestation of former cropland)"),
    ("4.2.1.1", "1.2", P, "natural forest protection incl. restoration of degraded natural forest"),
    ("4.2.2.1", "1.2", P, "forest regeneration after harvest"),
    ("4.2.2.1", "1.3", P, "forest tending and sustainable management"),
    ("4.2.1.1", "1.4", P, "natural forest protection"),
    ("4.2.1.3", "1.4", P, "nature reserves"),
    ("4.2.1.6", "2.1", P, "river, lake and wetland protection and restoration"),
    ("3.2.1.1", "3.1", P, "wind power equipment manufacturing"),
    ("3.2.1.2", "3.1", P, "solar PV and CSP equipment manufacturing"),
    ("3.2.1.3", "3.1", P, "biomass energy equipment"),
    ("3.2.1.4", "3.1", P, "hydropower and pumped-storage equipment"),
    ("3.2.1.8", "3.1", P, "geothermal energy equipment"),
    ("3.2.1.9", "3.1", P, "ocean energy equipment"),
    ("3.2.1.7", "3.2", P, "fuel cell equipment (use of hydrogen)"),
    ("1.6.1.2", "3.2", P, "hydrogen refuelling equipment (CN item also covers charging/swapping equipment)"),
    ("1.6.1.1", "3.3", P, "NEV key components and vehicles; CN includes plug-in hybrids"),
    ("1.6.1.3", "3.3", P, "green ship manufacturing; CN includes LNG-powered ships"),
    ("1.6.1.1", "3.4", P, "NEV batteries only"),
    ("1.1.1.11", "3.5", P, "energy-efficient household appliances"),
    ("1.1.1.13", "3.5", P, "efficient lighting products"),
    ("1.1.1.14", "3.5", P, "energy metering and control equipment"),
    ("1.2.1.1", "3.5", P, "green building materials (insulation, energy-saving glass)"),
    ("1.1.1.7", "3.6", P, "efficient generators; EU requires demonstrated life-cycle savings"),
    ("1.1.1.8", "3.6", P, "energy-saving motors; EU requires demonstrated life-cycle savings"),
    ("1.1.1.9", "3.6", P, "energy-saving transformers; EU requires demonstrated life-cycle savings"),
    ("1.1.1.10", "3.6", P, "waste-heat recovery equipment; EU requires demonstrated life-cycle savings"),
    ("1.5.2.2", "3.8", P, "recycling of scrap metals (secondary aluminium only)"),
    ("3.2.2.8", "3.10", P, "clean hydrogen production within hydrogen-use facilities"),
    ("1.5.2.2", "3.17", P, "recycling of waste plastics (mechanical recycling route only)"),
    ("3.2.2.2", "4.1", P, "CN item covers PV and solar thermal"),
    ("3.2.2.2", "4.2", P, "CN item covers PV and solar thermal"),
    ("3.2.2.1", "4.3", E, "electricity generation from wind"),
    ("3.2.2.7", "4.4", E, "electricity generation from ocean energy"),
    ("3.2.2.4", "4.5", P, "CN: large hydropower in national plans only; EU: power density / life-cycle thresholds"),
    ("3.2.2.6", "4.6", P, "CN item also covers shallow geothermal heating"),
    ("3.2.2.8", "4.7", P, "hydrogen fuel-cell power generation"),
    ("3.2.2.3", "4.8", P, "CN includes municipal solid waste; EU bioenergy only"),
    ("3.1.1.2", "4.9", P, "smart grid construction and operation"),
    ("5.1.1.2", "4.9", P, "urban power-distribution upgrade"),
    ("3.2.3.2", "4.10", P, "energy storage facilities"),
    ("3.2.3.5", "4.10", P, "pumped-storage hydropower"),
    ("3.2.3.2", "4.11", P, "phase-change/thermal storage within energy storage"),
    ("3.2.2.8", "4.12", P, "hydrogen storage"),
    ("3.2.2.3", "4.13", P, "fuel ethanol, biodiesel and other biofuels"),
    ("3.2.2.8", "4.14", P, "hydrogen transport and blending"),
    ("5.1.1.1", "4.15", P, "clean urban district heating (CN also allows gas-fired and CHP heat sources)"),
    ("3.2.2.9", "4.16", E, "installation and operation of heat pumps"),
    ("3.2.2.2", "4.17", P, ""), ("3.2.2.6", "4.18", P, ""), ("3.2.2.3", "4.19", P, ""),
    ("3.2.2.3", "4.20", P, "biomass heat and power"),
    ("3.2.2.2", "4.21", P, "solar heat"), ("3.2.2.6", "4.22", P, "geothermal heat"),
    ("3.2.2.3", "4.24", P, "biomass heat"),
    ("1.1.2.3", "4.25", P, "waste heat recovery for heating"),
    ("5.1.1.1", "4.25", P, "low-grade industrial waste heat for district heating"),
    ("5.4.1.1", "5.1", P, "water supply network with leakage control"),
    ("5.4.1.1", "5.2", P, "renewal of water supply network, leakage control"),
    ("5.3.1.1", "5.3", P, "waste water treatment"),
    ("5.3.1.3", "5.3", P, "waste water collection network"),
    ("5.3.1.1", "5.4", P, ""), ("5.3.1.3", "5.4", P, "renewal of sewer networks"),
    ("5.3.1.2", "5.5", P, "collection and transfer of municipal waste"),
    ("2.3.1.3", "5.5", P, "collection of packaging waste"),
    ("1.5.3.3", "5.6", P, "sewage sludge treatment and use"),
    ("5.3.1.1", "5.6", P, "sludge treatment within waste water facilities"),
    ("1.5.3.1", "5.7", P, "kitchen/food waste treatment"),
    ("1.5.3.2", "5.7", P, "agricultural waste to biogas"),
    ("1.5.3.1", "5.8", P, ""), ("1.5.3.2", "5.8", P, "composting of agricultural waste"),
    ("1.5.2.2", "5.9", P, "recycling of waste resources"),
    ("5.3.1.2", "5.10", P, "municipal waste treatment facilities"),
    ("3.2.3.6", "5.11", P, "CCUS projects (transport part)"),
    ("3.2.3.6", "5.12", P, "CCUS projects (storage part)"),
    ("5.5.1.5", "6.3", P, "urban public transport incl. bus purchases and urban rail"),
    ("1.6.1.1", "6.3", P, "purchase of new-energy buses"),
    ("5.5.1.6", "6.4", P, "shared bicycles and e-bikes"),
    ("1.6.1.1", "6.5", P, "purchase of new-energy vehicles; CN includes plug-in hybrids and clean-energy vehicles"),
    ("1.6.1.1", "6.6", P, "purchase of new-energy trucks"),
    ("1.6.1.3", "6.7", P, "purchase of green vessels"), ("1.6.1.3", "6.8", P, "purchase of green vessels"),
    ("1.6.1.3", "6.10", P, "purchase of green vessels; CN includes LNG-powered ships"),
    ("1.6.1.3", "6.11", P, "purchase of green vessels"),
    ("5.5.2.1", "6.2", P, "freight railway lines and electrification (infrastructure side)"),
    ("5.5.1.4", "6.13", P, "urban walking and cycling systems"),
    ("5.5.2.1", "6.14", P, "freight railway infrastructure and electrification"),
    ("5.5.1.5", "6.14", P, "urban rail transit infrastructure"),
    ("5.5.1.2", "6.14", P, "multimodal container terminals"),
    ("5.5.4.1", "6.15", P, "charging, battery swapping and hydrogen refuelling; CN also includes gas refuelling"),
    ("5.5.1.5", "6.15", P, "BRT and urban public transport infrastructure"),
    ("5.5.1.2", "6.15", P, "multimodal transhipment"),
    ("5.5.3.1", "6.16", P, "shore power at ports"),
    ("5.5.3.1", "6.17", P, "airport boarding-bridge power supply"),
    ("5.2.1.1", "7.1", P, "ultra-low-energy buildings"),
    ("5.2.1.2", "7.1", P, "green buildings (star rating)"),
    ("5.2.1.5", "7.2", P, "energy-saving and green retrofits of existing buildings"),
    ("5.2.1.5", "7.3", P, "building energy system retrofits"),
    ("1.1.3.1", "7.3", P, "green lighting retrofits"),
    ("5.5.4.1", "7.4", P, "charging facilities"),
    ("6.4.1.1", "7.5", P, "energy online monitoring systems"),
    ("5.2.1.3", "7.6", P, "building-applied PV and heat pumps"),
    ("5.2.1.2", "7.7", P, "purchase of green buildings"),
    ("5.2.1.5", "7.7", P, "purchase of retrofitted green buildings"),
    ("6.4.1.1", "8.2", P, "energy monitoring platforms"),
    ("6.2.1.2", "9.3", P, "energy performance contracting"),
    ("6.3.1.1", "9.3", P, "energy assessments and audits"),
]
# EU activities without a counterpart among the CN bond catalogue items (greenkit judgement)
EU_NONE = {
    "3.7": "no CN item for cement production; efficiency retrofits of cement plants fall under 1.1.2.x",
    "3.9": "no CN item for steel production; 2.1.1.3 is an air-pollution retrofit, efficiency retrofits fall under 1.1.2.x",
    "3.11": "", "3.12": "", "3.13": "", "3.14": "", "3.15": "", "3.16": "",
    "4.23": "", "6.1": "no CN item for interurban passenger rail operation", "6.9": "1.3.2.4 covers pollution-control retrofits of ships, not fuel-efficiency retrofits",
    "6.12": "1.3.2.4 covers pollution-control retrofits of ships, not fuel-efficiency retrofits",
    "8.1": "no data-centre item in the 2021 bond catalogue", "9.1": "", "9.2": "",
}
# CN items whose absence from the EU 2021 act is worth a note
CN_NONE_NOTE = {
    "3.2.2.5": "nuclear power is not in Delegated Regulation 2021/2139 (added by 2022/1214, not encoded here)",
    "3.2.3.3": "natural-gas transport and storage is not an EU 2021 mitigation activity",
    "3.2.1.5": "nuclear equipment manufacturing is not in the EU 2021 act",
    "3.2.1.6": "gas turbine manufacturing is not an EU 2021 mitigation activity",
}

# --- HTML → text ------------------------------------------------------------
class _Strip(HTMLParser):
    """Plain text of the Compass HTML; footnote pop-overs are dropped."""

    def __init__(self):
        super().__init__()
        self.out: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if self.skip:
            if tag in ("span", "sup"):
                self.skip += 1
            return
        if tag == "sup":
            self.skip = 1
            return
        if tag in ("p", "li", "br", "ol", "ul"):
            self.out.append("\n")
        if tag == "li":
            self.out.append("- ")

    def handle_endtag(self, tag):
        if self.skip:
            if tag in ("span", "sup"):
                self.skip -= 1
            return
        if tag in ("p", "li"):
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def strip_html(h: str) -> str:
    # superscripts that are not footnotes (m², W/m²K) are kept as text
    h = re.sub(r"<sup>(?!<span)(.*?)</sup>", lambda m: m.group(1).replace("2", "²"), h or "")
    p = _Strip()
    p.feed(h)
    t = "".join(p.out).replace("\xa0", " ")
    t = re.sub(r"[ \t]+", " ", t)
    lines = [ln.strip() for ln in t.split("\n")]
    return "\n".join(ln for ln in lines if ln)


def one_line(t: str) -> str:
    return re.sub(r"\s*\n\s*", " ", t).strip()


# --- NACE -------------------------------------------------------------------
def nace_codes(raw: str | None) -> list[str]:
    if not raw or raw == "None":
        return []
    out: list[str] = []
    for tok in (t.strip() for t in raw.split(",")):
        if tok in NACE_FIX:
            codes = NACE_FIX[tok]
        else:
            codes = [re.sub(r"^[A-U]", "", tok)]
        for c in codes:
            if c not in out:
                out.append(c)
    return out


def nace_to_gbt(nace: str) -> list[tuple[str, str, str]]:
    if nace not in NACE:
        raise SystemExit(f"NACE code {nace} used by the act has no crosswalk entry")
    return NACE[nace][1]


# --- CSV writing ------------------------------------------------------------
def write_csv(path: Path, rows: list[dict], columns: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="raise")
    w.writeheader()
    for r in rows:
        w.writerow({c: _cell(r.get(c, "")) for c in columns})
    path.write_text(buf.getvalue(), encoding="utf-8")


def _cell(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    return "" if v is None else v


# --- load sources -----------------------------------------------------------
def load_compass():
    d = json.loads(COMPASS.read_text(encoding="utf-8"))
    acts = {a["name"]: a for a in d["activities"]}
    sectors = {s["reference"]: s["name"] for s in d["sectors"]}
    mit = [m for m in d["matches"] if m["objective"] == "mitigation"]
    rows = []
    for m in mit:
        a = acts[m["activity"]]
        rows.append(dict(code=a["reference"], sector=a["reference"].split(".")[0], name=a["name"],
                         description=strip_html(a["description"]), nace_raw=a["nace_codes"],
                         ctype=m.get("activity_contribution_type"),
                         ctype_text=one_line(strip_html(m.get("contribution_description", ""))),
                         sc=strip_html(m["substantial_contribution_criteria"][0]),
                         dnsh={x["objective"]: strip_html(" ".join(x["criteria"])) for x in m["dnsh"]}))
    rows.sort(key=lambda r: [int(x) for x in r["code"].split(".")])
    return sectors, rows


def load_gbt_list() -> dict[str, str]:
    if not GBT_LIST.exists():
        return {}
    df = pd.read_csv(GBT_LIST, dtype=str, keep_default_na=False)
    name_col = next((c for c in ("name_zh", "name", "名称") if c in df.columns), None)
    return {r["code"]: (r[name_col] if name_col else "") for _, r in df.iterrows()}


CNB_ITEMS = ROOT / "taxonomies" / "cn-green-bond-2021" / "items.csv"


def load_cnb() -> dict[str, str]:
    """Level-4 codes and names of the 2021 bond catalogue: from greenkit's own
    edition (taxonomies/cn-green-bond-2021/items.csv) when present, else from
    the reference YAML."""
    if CNB_ITEMS.exists():
        df = pd.read_csv(CNB_ITEMS, dtype=str, keep_default_na=False)
        return dict(zip(df.loc[df["level"] == "4", "code"], df.loc[df["level"] == "4", "name_zh"], strict=True))
    return load_cnb_yaml()


def load_cnb_yaml() -> dict[str, str]:
    """Level-4 codes of the 2021 bond catalogue with names (the source splits
    names with a stray '：'; the name is recovered as the longest 2019
    catalogue level-3 name that prefixes the joined text)."""
    d = yaml.safe_load(CNB_YAML.read_text(encoding="utf-8"))
    n19 = pd.read_csv(CNI19_CSV, dtype=str)
    names = {re.sub(r"^[\d.]+", "", x).strip() for x in n19["目录"]}
    manual = {"3.2.2.9": "热泵设施建设和运营", "3.2.3.6": "二氧化碳捕集、利用与封存工程建设和运营",
              "1.3.3.2": "城市扬尘综合治理", "5.6.1.3": "附属绿地建设、养护和运营",
              "6.3.1.4": "地质危害危险性评估"}
    out = {}
    for c in d["citations"]:
        code = c["section"].replace("绿色债券目录", "").strip()
        if len(code.split(".")) != 4:
            continue
        joined = str(c["text"]).replace("：", "", 1).replace("\n", "")
        cands = [n for n in names if joined.startswith(n)]
        out[code] = max(cands, key=len) if cands else manual.get(code, "")
    return out


# --- items ------------------------------------------------------------------
def build_items(sectors, acts):
    rows = []
    used = sorted({a["sector"] for a in acts}, key=int)
    for s in used:
        rows.append(dict(code=s, level=1, parent="", name_zh=SECTOR_ZH[s], name_en=sectors[s],
                         definition_zh="", carbon_effect="", definition_en="", contribution_type="",
                         nace_codes="", source=SRC_ACT, verified=True,
                         note="sector heading of Annex I; name_zh is a greenkit translation"))
    for a in acts:
        name_zh, def_zh = A[a["code"]][0], A[a["code"]][1]
        ctype = {"Enabling": "enabling", "Transitional": "transitional", None: "own_performance"}[a["ctype"]]
        notes = ["name_zh and definition_zh are greenkit translations (no official Chinese text)"]
        if a["ctype_text"].startswith("Where"):
            notes.append("transitional only where the zero-emission criterion is not met: " + a["ctype_text"])
        if not nace_codes(a["nace_raw"]):
            notes.append("the act gives no NACE code; found by keywords only")
        if not [c for c in SC if c["item"] == a["code"]]:
            notes.append("substantial contribution is the activity definition itself (no further screening criterion)")
        rows.append(dict(code=a["code"], level=2, parent=a["sector"], name_zh=name_zh, name_en=a["name"],
                         definition_zh=def_zh, carbon_effect="", definition_en=one_line(a["description"]),
                         contribution_type=ctype, nace_codes="|".join(nace_codes(a["nace_raw"])),
                         source=SRC_ACT, verified=True, note="; ".join(notes)))
    return rows


# --- rules ------------------------------------------------------------------
FOSSIL_X = {
    "6.2": "运煤|煤炭运输|运油|油罐车|原油运输|成品油运输|coal train|oil train",
    "6.6": "油罐车|成品油运输|燃油运输|危化品油品|煤炭运输|fuel tanker|oil tanker truck|coal haulage",
    "6.8": "运煤船|油船|油轮|原油运输|成品油运输|LNG运输船|coal barge|oil tanker",
    "6.10": "运煤船|油船|油轮|原油运输|成品油运输|LNG运输船|LNG船|运输煤炭|oil tanker|crude carrier|coal carrier|lng carrier",
    "6.14": "运煤专线|煤炭专用线|煤炭集运|油品储运|coal line|coal terminal",
    "6.15": "加油站|油库|oil depot|petrol station",
    "6.16": "煤炭码头|油品码头|原油码头|LNG接收站|coal terminal|oil terminal|lng terminal",
    "6.17": "航油储运|机场油库|jet fuel storage|fuel farm",
}


def build_rules(acts, gbt_valid):
    rows = []
    for a in acts:
        code = a["code"]
        n = 0
        for nace in nace_codes(a["nace_raw"]):
            pairs = nace_to_gbt(nace)
            subset = OVERRIDE.get(code, {}).get(nace)
            gbts = subset if subset is not None else [g for g, _, _ in pairs]
            for g in gbts:
                if g not in GBT_NAMES:
                    raise SystemExit(f"{code}: GB/T {g} has no name")
                if gbt_valid and g not in gbt_valid:
                    raise SystemExit(f"{code}: GB/T {g} not in gbt4754-2017.csv")
                n += 1
                note = "NACE code as listed in the act (indicative); GB/T class via crosswalks/nace-rev2__gbt4754-2017.csv"
                if subset is not None:
                    note += "; GB/T subset chosen for this activity (greenkit)"
                rows.append(dict(rule_id=f"EUT21-{code}-I{n:02d}", item_code=code, match="industry",
                                 industry_code=g, industry_partial=True, nace_code=nace,
                                 description=f"NACE {nace} ({NACE[nace][0]}) ≈ GB/T {g} {GBT_NAMES[g]}",
                                 source=SRC_ACT + "; GB/T correspondence greenkit mapping",
                                 verified=False, note=note + "; correspondence not official"))
        _, _, kz, ke, excl, ctx = A[code]
        k = 0
        for words, lang in ((kz, "zh"), (ke, "en")):
            if not words:
                continue
            k += 1
            rows.append(dict(rule_id=f"EUT21-{code}-K{k:02d}", item_code=code, match="keyword",
                             keywords=words, context_keywords=ctx, exclude_keywords=excl,
                             description=f"{'Chinese' if lang == 'zh' else 'English'} loan-purpose terms for {a['name']}",
                             source=SRC_CUR, verified=False,
                             note="greenkit curation" + ("; English terms lower-case, match case-insensitively" if lang == "en" else "")))
        if code in FOSSIL_X:
            rows.append(dict(rule_id=f"EUT21-{code}-X01", item_code=code, match="exclusion",
                             keywords=FOSSIL_X[code],
                             description="vehicles, vessels or infrastructure dedicated to fossil fuels are excluded",
                             source=SRC_ACT + "; keywords greenkit curation", verified=False,
                             note="the act requires the asset not to be dedicated to the transport or storage of fossil fuels; keywords are greenkit curation"))
    return rows


# --- criteria ---------------------------------------------------------------
DNSH_VAR = {"adaptation": "dnsh_climate_adaptation", "water": "dnsh_water",
            "circular": "dnsh_circular_economy", "pollution": "dnsh_pollution",
            "biodiversity": "dnsh_biodiversity"}
DNSH_EN = {"adaptation": "climate change adaptation", "water": "water and marine resources",
           "circular": "circular economy", "pollution": "pollution prevention and control",
           "biodiversity": "biodiversity and ecosystems"}
MS_TEXT = ("The minimum safeguards referred to in point (c) of Article 3 shall be procedures implemented by an "
           "undertaking that is carrying out an economic activity to ensure the alignment with the OECD Guidelines "
           "for Multinational Enterprises and the UN Guiding Principles on Business and Human Rights, including the "
           "principles and rights set out in the eight fundamental conventions identified in the Declaration of the "
           "International Labour Organisation on Fundamental Principles and Rights at Work and the International "
           "Bill of Human Rights.")


def _quote(sc_text: str, needles: list[str], where: str, others: dict | None = None) -> str:
    """The line(s) of the act containing each needle; ``7.1::needle`` quotes
    another activity's criteria (a cross-reference in the act)."""
    got = []
    for nd in needles:
        prefix, text = "", sc_text
        if "::" in nd:
            ref, nd = nd.split("::", 1)
            prefix, text = f"[Section {ref}] ", others[ref]
        hit = next((ln for ln in text.split("\n") if nd in ln), None)
        if hit is None:
            raise SystemExit(f"{where}: quote needle not found: {nd!r}")
        if prefix + hit not in got:
            got.append(prefix + hit)
    return " … ".join(got)


def _num_in(thr: str, text: str) -> bool:
    if thr == "0" and re.search(r"\bare zero\b", text):
        return True
    forms = {thr, thr.replace(".", ",")}
    if "." in thr:
        forms |= {thr.rstrip("0").rstrip("."), thr.rstrip("0").rstrip(".").replace(".", ",")}
    return any(re.search(r"(?<![\d.,])" + re.escape(f) + r"(?![\d])", text) for f in forms)


def build_criteria(acts):
    by = {a["code"]: a for a in acts}
    rows = []
    for a in acts:
        code = a["code"]
        n = 0
        for c in (c for c in SC if c["item"] == code):
            n += 1
            text = _quote(a["sc"], c["needles"], f"{code} {c['variable']}", {k: v["sc"] for k, v in by.items()})
            verified = True
            note = ["text is the official English text"]
            if c["kind"] == "quantitative" and c["operator"] != "in":
                if not _num_in(c["threshold"], text):
                    verified = False
                    note.append("threshold not found verbatim in the quoted text")
            if c["note"]:
                note.append(c["note"])
            if c["variable"] == "sc_condition_met":
                note.append("qualitative condition confirmed by a reviewer")
            rows.append(dict(criterion_id=f"EUT21-{code}-C{n:02d}", item_code=code, kind=c["kind"],
                             variable=c["variable"], operator=c["operator"], threshold=c["threshold"],
                             unit=c["unit"], standard=c["standard"], applies_if_keywords=c["applies_if_keywords"],
                             any_group=c["any_group"], text_zh=text, source=SRC_ACT, verified=verified,
                             note="; ".join(note), criterion_type="substantial_contribution",
                             objective="climate_change_mitigation", valid_from=c["valid_from"],
                             valid_until=c["valid_until"], condition=c["condition"]))
        for obj in ("adaptation", "water", "circular", "pollution", "biodiversity"):
            t = one_line(by[code]["dnsh"].get(obj, ""))
            if not t or t.rstrip(".") == "N/A":
                continue
            n += 1
            note = "text is the official English text; DNSH needs evidence (qualitative)"
            if "Appendix" in t:
                note += "; the cited Appendix (A–E of Annex I) is not reproduced in the Compass export"
            rows.append(dict(criterion_id=f"EUT21-{code}-C{n:02d}", item_code=code, kind="qualitative",
                             variable=DNSH_VAR[obj], operator="is_true", text_zh=t, source=SRC_ACT,
                             verified=True, note=note, criterion_type="dnsh", objective=DNSH_EN[obj]))
        n += 1
        rows.append(dict(criterion_id=f"EUT21-{code}-C{n:02d}", item_code=code, kind="qualitative",
                         variable="minimum_safeguards_met", operator="is_true",
                         standard="OECD Guidelines for Multinational Enterprises; UN Guiding Principles on Business and Human Rights",
                         text_zh=MS_TEXT, source=SRC_TR, verified=False, criterion_type="minimum_safeguards",
                         note=("English wording of Art. 18(1) quoted by greenkit; content checked against the German language "
                               "version (copy of EUR-Lex at gesetze.legal), English wording not checked against the OJ")))
    return rows


# --- cases ------------------------------------------------------------------
def build_cases(crit_rows):
    dn = {}
    for r in crit_rows:
        if r["criterion_type"] in ("dnsh", "minimum_safeguards"):
            dn.setdefault(r["item_code"], []).append(r["variable"])

    def ok(code):
        return {v: "true" for v in dn[code]}

    C = []

    def case(cid, ind, purpose, name, code, status, note, **extra):
        C.append(dict(case_id=cid, industry_code=ind, purpose=purpose, project_name=name,
                      expect_code=code, expect_status=status, note=note, **extra))

    case("EUT21-T01", "4416", "建设100MW渔光互补光伏电站", "XX渔光互补光伏发电项目", "4.1", "eligible",
         "PV plant found by GB/T 4416 and keyword; no DNSH evidence yet")
    case("EUT21-T02", "4416", "建设100MW渔光互补光伏电站", "XX渔光互补光伏发电项目", "4.1", "aligned",
         "DNSH evidence and minimum safeguards confirmed; 4.1 has no threshold", **ok("4.1"))
    case("EUT21-T03", "4415", "海上风电场建设", "XX海上风电项目", "4.3", "eligible", "wind farm")
    case("EUT21-T04", "35.11", "construction of a 50 MW onshore wind farm", "", "4.3", "eligible",
         "NACE-coded loan book", industry_code_system="nace-rev2")
    case("EUT21-T05", "3011", "水泥熟料生产线技术改造", "XX水泥熟料生产线", "3.7", "aligned",
         "clinker 0.70 tCO2e/t < 0.722", clinker_intensity="0.70", **ok("3.7"))
    case("EUT21-T06", "3011", "水泥熟料生产线技术改造", "XX水泥熟料生产线", "3.7", "not_aligned",
         "clinker 0.80 ≥ 0.722 and cement 0.50 ≥ 0.469", clinker_intensity="0.80", cement_intensity="0.50", **ok("3.7"))
    case("EUT21-T07", "5411", "购置200辆纯电动公交车", "XX公交电动化项目", "6.3", "eligible", "electric buses, no evidence yet")
    case("EUT21-T08", "5411", "购置200辆纯电动公交车", "XX公交电动化项目", "6.3", "aligned",
         "zero tailpipe emissions", zero_direct_co2_emissions="true", **ok("6.3"))
    case("EUT21-T09", "7010", "个人住房按揭贷款", "", "7.7", "eligible", "mortgage: acquisition and ownership of buildings")
    case("EUT21-T10", "7010", "个人住房按揭贷款", "", "7.7", "aligned", "EPC class A, built 2015",
         construction_year="2015", epc_class="A", heating_rated_output="20", **ok("7.7"))
    case("EUT21-T11", "7010", "个人住房按揭贷款", "", "7.7", "not_aligned", "EPC class C, not top 15 %",
         construction_year="2015", epc_class="C", top15_percent_stock="false", heating_rated_output="20", **ok("7.7"))
    case("EUT21-T12", "", "纯电动汽车消费贷款", "", "6.5", "aligned", "battery-electric car, 0 gCO2/km",
         vehicle_co2_per_km="0", **ok("6.5"))
    case("EUT21-T13", "3120", "电炉短流程炼钢项目", "XX钢铁电炉炼钢", "3.9", "aligned",
         "EAF carbon steel 0.15 tCO2e/t ≤ 0.209", eaf_carbon_steel_intensity="0.15", **ok("3.9"))
    case("EUT21-T14", "5522", "购置沿海货运散货船（运煤船）", "", "6.10", "excluded", "bulk carrier dedicated to coal transport")
    case("EUT21-T15", "6621", "流动资金贷款", "", "", "not_eligible", "general working capital: no activity")
    case("EUT21-T16", "", "新型储能电站（电化学储能）建设", "", "4.10", "eligible", "battery storage plant, keyword only")
    case("EUT21-T17", "6450", "数据中心建设", "XX云数据中心", "8.1", "eligible", "data centre")
    case("EUT21-T18", "", "acquisition of 20 electric buses for the municipal fleet", "", "6.3", "eligible", "English purpose text")
    case("EUT21-T19", "4413", "径流式水电站建设", "XX水电站", "4.5", "aligned", "power density 8 W/m² > 5",
         power_density="8", **ok("4.5"))
    case("EUT21-T20", "4413", "水电站建设", "XX水电站", "4.5", "not_aligned", "no alternative of 4.5 met",
         run_of_river_no_reservoir="false", power_density="2", lifecycle_ghg_intensity="150", **ok("4.5"))
    case("EUT21-T21", "3021", "水泥制品厂扩建", "", "", "not_eligible", "concrete products are not 3.7 cement manufacture")
    return C


# --- crosswalks -------------------------------------------------------------
def build_nace_xw(gbt_valid):
    rows = []
    for nace in sorted(NACE, key=lambda c: [int(x) for x in c.split(".")]):
        name, pairs = NACE[nace]
        for g, rel, note in pairs:
            if g not in GBT_NAMES:
                raise SystemExit(f"crosswalk GB/T {g} has no name")
            if gbt_valid and g not in gbt_valid:
                raise SystemExit(f"crosswalk GB/T {g} not in gbt4754-2017.csv")
            rows.append(dict(nace_code=nace, gbt_code=g, relation=rel,
                             note=("; ".join(x for x in (note, "greenkit mapping by class scope") if x)),
                             source=("NACE Rev. 2 (Regulation (EC) No 1893/2006) and GB/T 4754-2017 class titles; "
                                     "correspondence greenkit mapping"),
                             verified=False, nace_name=name, gbt_name=GBT_NAMES[g]))
    return rows


def build_cn_xw(acts, cnb):
    eu = {a["code"]: a["name"] for a in acts}
    rows = []
    seen_eu, seen_cn = set(), set()
    for cn, e, rel, note in CN_EU:
        if cn not in cnb:
            raise SystemExit(f"CN code {cn} not in the bond catalogue source")
        if e not in eu:
            raise SystemExit(f"EU code {e} not a mitigation activity")
        seen_eu.add(e)
        seen_cn.add(cn)
        rows.append(dict(from_code=cn, to_code=e, relation=rel,
                         note="; ".join(x for x in (note, "greenkit mapping") if x),
                         source=("银发〔2021〕96号 (item codes/names via taxonomies/cn-green-bond-2021); "
                                 "Delegated Regulation (EU) 2021/2139 Annex I (via EU Taxonomy Compass); greenkit mapping"),
                         verified=False, from_name=cnb[cn], to_name=eu[e]))
    for e, note in EU_NONE.items():
        if e in seen_eu:
            raise SystemExit(f"EU {e} both mapped and 'none'")
        seen_eu.add(e)
        rows.append(dict(from_code="", to_code=e, relation="none",
                         note="; ".join(x for x in (note, "no counterpart in the 2021 bond catalogue (greenkit judgement)") if x),
                         source="greenkit mapping", verified=False, from_name="", to_name=eu[e]))
    missing = sorted(set(eu) - seen_eu, key=lambda c: [int(x) for x in c.split(".")])
    if missing:
        raise SystemExit(f"EU activities without crosswalk row: {missing}")
    for cn in sorted(set(cnb) - seen_cn, key=lambda c: [int(x) for x in c.split(".")]):
        note = CN_NONE_NOTE.get(cn, "")
        rows.append(dict(from_code=cn, to_code="", relation="none",
                         note="; ".join(x for x in (note, "no counterpart among the EU 2021 climate-mitigation activities (greenkit judgement)") if x),
                         source="greenkit mapping", verified=False, from_name=cnb[cn], to_name=""))
    return rows


# --- manifest ---------------------------------------------------------------
MANIFEST = """\
id: eu-taxonomy-2021
short_id: EUT21
title_zh: 欧盟分类法气候授权法案（委员会授权条例(EU) 2021/2139）附件一：减缓气候变化
title_en: >-
  Commission Delegated Regulation (EU) 2021/2139 of 4 June 2021 supplementing Regulation (EU) 2020/852
  (EU Taxonomy Climate Delegated Act), Annex I: technical screening criteria for climate change mitigation
issuers: [欧盟委员会]
document_number: Delegated Regulation (EU) 2021/2139 (C(2021) 2800)
published: 2021-12-09
effective_from: 2022-01-01
effective_to: null
supersedes: []
scope: >-
  Economic activities that contribute substantially to climate change mitigation under the EU Taxonomy
  (Annex I of the Climate Delegated Act, 88 activities in 9 sectors), with their do-no-significant-harm
  criteria and the minimum safeguards of Article 18 of Regulation (EU) 2020/852. Climate change
  adaptation (Annex II) is not encoded.
jurisdiction: EU
leaf_level: 2
industry_code_system: nace-rev2
source: >-
  EU Taxonomy Compass export 1.0.4 (shared/reference/eu-taxonomy-compass-1.0.4.json) of Delegated
  Regulation (EU) 2021/2139: activity names, descriptions, NACE codes and criteria text; criteria
  thresholds extracted by tools/build_eu_taxonomy.py and checked against the quoted text.
licence: >-
  Compass export copy: MIT. EU legal text © European Union, reuse authorised (Commission Decision
  2011/833/EU).
verification: partial
verification_note: >-
  Activity codes, English names, descriptions, criteria quotes and numeric thresholds come from the
  Compass copy of the act and are verified (each threshold is found in its quoted sentence). Chinese
  names and descriptions, keywords, NACE→GB/T correspondences and DNSH/minimum-safeguard encodings as
  boolean evidence fields are greenkit's work (verified=false where not backed by the text). The
  minimum-safeguards wording (Art. 18(1)) was checked in substance against the German language
  version only. The adoption date (4 June 2021) and application date (1 January 2022) were checked
  against a copy of the act; the publication date (OJ L 442, 9.12.2021) was not checked in this build.
name_en_source: official
notes: >-
  The 2021 act only: the amendments by Delegated Regulations (EU) 2022/1214 (fossil gas and nuclear,
  e.g. activities 4.26–4.31, applicable from 1 January 2023) and 2023/2485 (new and revised
  mitigation activities, from 1 January 2024) and the Environmental Delegated Act 2023/2486 are NOT
  encoded; for reporting periods after those dates use a later edition. Item codes are the section
  numbers of Annex I (sector 1–9, activity 1.1–9.3). rules.csv carries the act's (indicative) NACE
  codes in nace_code and, in industry_code, the GB/T 4754-2017 classes greenkit considers
  corresponding, always industry_partial=true; keywords are Chinese and English. items.csv has extra
  columns definition_en (official description), contribution_type (own_performance / enabling /
  transitional as marked by the act) and nace_codes. criteria.csv has extra columns criterion_type
  (substantial_contribution / dnsh / minimum_safeguards), objective, valid_from / valid_until (time-
  limited criteria, e.g. < 50 gCO2/km until 31 December 2025) and condition (a pre-condition on
  another field, e.g. `rated_thermal_input > 100 MW`; `&` joins two). Several substantial-contribution
  alternatives are encoded as an any_group; criteria with applies_if_keywords apply only to the
  products the loan text names — where none applies, the substantial contribution is not established.
  text_zh holds the official English text. Chinese names are greenkit translations.
"""


def main() -> int:
    sectors, acts = load_compass()
    if len(acts) != 88:
        raise SystemExit(f"expected 88 mitigation activities, found {len(acts)}")
    missing = [a["code"] for a in acts if a["code"] not in A]
    if missing:
        raise SystemExit(f"no curation for {missing}")
    gbt_list = load_gbt_list()
    gbt_valid = set(gbt_list)
    if gbt_list:
        for g, nm in GBT_NAMES.items():
            if g in gbt_list and gbt_list[g] and gbt_list[g].strip() != nm:
                print(f"note: GB/T {g} name differs: list {gbt_list[g]!r} vs ours {nm!r}", file=sys.stderr)
    items = build_items(sectors, acts)
    rules = build_rules(acts, gbt_valid)
    crit = build_criteria(acts)
    cases = build_cases(crit)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "manifest.yaml").write_text(MANIFEST, encoding="utf-8")
    write_csv(OUT / "items.csv", items, ["code", "level", "parent", "name_zh", "name_en", "definition_zh",
                                        "carbon_effect", "source", "verified", "note", "definition_en",
                                        "contribution_type", "nace_codes"])
    write_csv(OUT / "rules.csv", rules, ["rule_id", "item_code", "match", "industry_code", "industry_partial",
                                        "nace_code", "keywords", "context_keywords", "exclude_keywords",
                                        "text_fields", "description", "source", "verified", "note"])
    write_csv(OUT / "criteria.csv", crit, ["criterion_id", "item_code", "kind", "variable", "operator",
                                          "threshold", "unit", "standard", "applies_if_keywords", "any_group",
                                          "text_zh", "source", "verified", "note", "criterion_type", "objective",
                                          "valid_from", "valid_until", "condition"])
    extra = sorted({k for c in cases for k in c} - {"case_id", "industry_code", "purpose", "project_name",
                                                     "expect_code", "expect_status", "note"})
    write_csv(OUT / "cases.csv", cases, ["case_id", "industry_code", "purpose", "project_name", "expect_code",
                                        "expect_status", "note"] + extra)
    write_csv(XW / "nace-rev2__gbt4754-2017.csv", build_nace_xw(gbt_valid),
              ["nace_code", "gbt_code", "relation", "note", "source", "verified", "nace_name", "gbt_name"])
    write_csv(XW / "cn-green-bond-2021__eu-taxonomy-2021.csv", build_cn_xw(acts, load_cnb()),
              ["from_code", "to_code", "relation", "note", "source", "verified", "from_name", "to_name"])
    print(f"items {len(items)}, rules {len(rules)}, criteria {len(crit)}, cases {len(cases)}"
          + ("" if gbt_list else " (GB/T list absent: codes not checked)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
