"""Build the 2024 transition catalogue (CNT24) and the 2025 green-finance
catalogue (CNF25) rule tables, plus their crosswalks.

    python tools/build_cn_2024_2025.py

Writes (deterministically; the CSV/YAML outputs are the committed artefact):
  taxonomies/cn-green-finance-2025/{manifest.yaml,items.csv,rules.csv,criteria.csv,cases.csv}
  taxonomies/cn-green-transition-2024/{…same…}
  taxonomies/crosswalks/cn-green-bond-2021__cn-green-finance-2025.csv
  taxonomies/crosswalks/cn-green-industry-2019__cn-green-transition-2024.csv
  taxonomies/crosswalks/cn-green-transition-2024__cn-green-finance-2025.csv

Data sources (see the manifests for details):
  * 2025 third-level items, GB/T 4754 codes and 温室气体减排贡献标识: a public
    machine transcription of the official table (F25_RAW below, re-keyed by
    greenkit from that file: one line per item, rows "class:mark", mark 2 = √√,
    1 = √, 0 = no mark; "-(…)" = a row whose 行业代码 is "-" with the classes
    its 备注 names).
  * 2024 codes and names: an unofficial English rendering of the catalogue list
    (T24_EN below); no Chinese copy of the 2024 second/third level was found.
  * 2019 / 2021 items: ../shared/reference (official codes).
  * 2025 rule cases: CASES25 below plus the bank-style purposes of
    tools/cn_cases.yaml that carry an ``e25`` item.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
TAX = ROOT / "taxonomies"
REF = ROOT.parent / "shared" / "reference"

F25_RAW = r"""
# code|name|rows (B:F ; '-' = no class in col B, codes from 备注 in parentheses)|flags
1.1.1|节能锅炉制造|3411:1;3521:1|
1.1.2|节能窑炉制造|3461:1|
1.1.3|节能内燃机制造|3412:1;3620:1|
1.1.4|高效发电机及发电机组制造|3811:1|
1.1.5|节能型泵及真空设备制造|3441:1;3499:1|
1.1.6|节能型气体压缩设备制造|3442:1|
1.1.7|节能电动机、微特电机制造|3812:1;3813:1;3819:1|
1.1.8|节能风机风扇制造|3462:1|
1.1.9|节能型变压器、整流器、电感器和电焊机制造|3821:1;3823:1|
1.1.10|高效节能磁|3441:1;3442:1;3462:1;3464:1;3811:1|TRUNC;B3411vsC泵及真空设备制造
1.1.11|节能农资制造|3640:1;3412:1;3571:1;3572:1;3573:1;3574:1;3575:1;3577:1;3579:1;3492:1;3731:1;3732:1;0519:1|
1.1.12|节能采矿、建筑材料生产专用设备制造|3511:1;3515:1|
1.1.13|高效节能低碳商用设备制造|3474:1;3472:1;3911:1;3464:1|
1.1.14|高效节能低碳家用电器制造|3851:1;3852:1;3853:1;3854:1;3855:1;3964:1;3951:1;3952:1;3953:1|
1.1.15|高效照明产品及系统制造|3975:1;3871:1;3872:1;3562:1;3979:1|
1.1.16|高效节能炉具灶具设备制造|3861:1|
1.1.17|余热余压余气利用设备制造|3413:1;3463:1;3464:1;3811:1|
1.1.18|绿色建筑材料制造|3021:1;3022:1;3023:1;3024:1;3029:1;3031:1;3033:0;2641:0;2646:0;2662:0;2919:0;2922:0;3034:1;3081:1;3041:1;3042:1;3051:1;3071:1;2110:0;2120:0;2130:0;2140:0;2190:0|
1.1.19|能源计量、检测、监测、控制设备制造|4011:0;4012:0;4016:0|
1.2.1|新能源汽车及关键零部件制造|2613:1;3841:1;3812:1;3620:1;3670:1;3612:1|
1.2.2|绿色船舶制造（不含造船厂建|3731:1;3732:1;3412:1;3413:1;3734:1|TRUNC
1.2.3|先进轨道交通装备制造|3711:1;3712:1;3714:1;3715:1;3716:1;3719:1;3720:1|
1.2.4|先进高效航空装备制造|3741:1;-(3421,3422,3423,3424,3466):1|
1.2.5|先进港口装卸作业设备制造|3432:1;3433:1;3434:1|
1.3.1|锅炉（窑炉）节能改造和能效提升|4861:2|
1.3.2|电机系统能效提升|4861:2|
1.3.3|电网节能改造|4861:2|E:4420
1.3.4|余热余压利用|4861:2|
1.3.5|绿色照明改造|4861:2|
1.3.6|船舶绿色低碳升级改造|3735:2|
1.4.1|节能降碳改造和能效提升|4861:2|
1.4.2|工艺改进和流程优化|4861:2;4862:0|
1.4.3|数字化、智能化升级|6531:0;4840:0|
1.5.1|二氧化碳捕集利用与封存|4862:2;-(二氧化碳生产供应):2;0711:2;0712:2;7729:2|
1.5.2|消耗臭氧层物质替代品开发与利用|2614:2;2651:2;3464:2;3851:2;3852:2|
2.1.1|大气污染防治装备制造|3591:0;3852:0;3594:0|
2.1.2|水污染防治装备制造|3591:0;3597:0|
2.1.3|土壤污染治理与修复装备制造|3591:0;3599:0|
2.1.4|固体废弃物收集、贮存、运输及处理处置装备制造|3591:0|
2.1.5|噪声与振动控制设备制造|2032:0;3034:0;3312:0;3591:0|
2.1.6|放射性污染防治和处理设备制造|3591:0|
2.1.7|环境污染处理药剂材料制造|2666:0;-(2822,2829):0;3061:0;3073:0|
2.1.8|无毒无害原料、产品生产与替代使用|2611:0;2613:0;-(2614,2619,2662):0;-(2641,2642,2643,2644,2645):0;2661:0;0932:0;1495:0;1910:0;2021:0;2022:0;2023:0;2511:0;2631:0;-(2651,2652,2653,2659):0;2681:0;2684:0;2710:0;2770:0;2924:0;2929:0;3089:0;3212:0;3259:0;3360:0;3581:0;3829:0;3849:0;3871:0;3972:0;3982:0;4013:0;4014:0;4023:0;-(1952,1953,1954):0;-(2110,2120,2130,2140):0;-(2311,2312,2319):0;-(2451,2452,2453,2454,2455,2456,2459):0;-(3611,3612,3620,3630,3640,3650,3660,3670):0;2921:0|
2.1.9|高效低毒低残|2631:0;2632:0;4840:0|TRUNC
2.1.10|环境监测仪器与应急处理设备制造|4021:0;3591:0|
2.1.11|公约管控化学物质污染治理装备制造|3591:0|
2.1.12|低（无）污染排放装备制造|-(3411,3461,3423,3434,3441,3442,3466,3491,3499,3516,3521,3522,3523):0|
2.2.1|工业脱硫脱硝除尘改造|4862:0|
2.2.2|重点行业超低排放改造|4862:0|
2.2.3|挥发性有机物综合整治|4862:0|
2.2.4|工业厂矿大气污染物无组织排放控制|4862:0|
2.2.5|城市扬尘综合整治|7722:0;0220:0|
2.2.6|餐饮油烟污染治理|7722:0|
2.2.7|大气氨排放控制|-(0311,0312,0313,0314,0315,0319,0321,0322,0323,0329,0391,0399):0|
2.3.1|水体保护及地下水污染防治|7721:0;7711:0|
2.3.2|重点流域海域水环境治理|7721:0;4620:0;7432:0;7810:0|
2.3.3|城市（含县城）黑臭水体整治|7721:0;4620:0;7810:0|
2.3.4|重点行业水污染治理|4840:0|
2.3.5|工业园区水污染集中治理|4840:0;4620:0|
2.4.1|农用地污染治理|7726:0|
2.4.2|建设用地污染治理|7726:0|
2.4.3|农林草业面源污染防治|-(0111,0112,0113,0119,0121,0122,0123,0131,0132,0133,0141,0142,0151,0152,0153,0154,0159,0161,0162,0163,0164,0169,0171,0179,0190,0181):0;0532:0;0515:0|
2.4.4|沙漠污染治理|7726:0|
2.5.1|工业固体废弃物无害化处理处置|7723:0|
2.5.2|危险废物处理处置|7724:0;4840:0|
2.5.3|噪声和振动污染治理|7727:0|
2.5.4|恶臭污染治理|7722:0|
2.5.5|新污染物治理|-(2511,2614,2631,2632,2641,2642,2643,2644,2645,2651,2652,2662,2710,2720,2750,2761):0;4862:0;-(1723,1733,1743,1752,1910,1921,1922,1923,1931,1932,1939,1952,1953,1954,0711,0712,0721,0722,0911,0912,0913,0914,0915,0916,0917,0919,0921,0922,0929,0931,0932,0933,0939,3360):0|
2.5.6|重点行业清洁生产改造|4861:2;4862:0|
2.5.7|园区污染治理集中化改造|4840:0;4851:0;4812:0;-(污染治理设施和低污染生产设施运营):0|
2.5.8|交通车船污染治理|-(5411,5421,5422,5431,5432,5433,5434,5435,5436,5438,5439,5511,5512,5513,5521,5522,5523,0512):0;7461:0;7721:0;7722:0;7723:0|Ecodes-list-truncated
2.5.9|船舶港口污染防治|7461:0;4862:0;3735:0|
2.5.10|畜禽和水产养殖废弃物污染治理|0532:0;0539:0;0411:0;0412:0|
2.5.11|农村人居环境整治提升|4840:0;4852:0;4620:0;7810:0;7721:0;4862:0;7820:0;7830:0|
3.1.1|矿产资源综合利用装备制造|3511:0;3516:0|
3.1.2|水资源高效及循环利用装备制造|3572:0;3597:0;3591:0|
3.1.3|工业固体废弃物综合利用装备制造|3591:0|
3.1.4|农林废弃物综合利用装备制造|3591:0|
3.1.5|废旧物资循环利用装备制造|3591:0;-(3421,3422,3425):0|
3.1.6|垃圾资源化利用装备制造|3591:0|
3.1.7|废气回收利用装备制造|3591:1|
3.2.1|矿产资源综合利用|0711:0;0721:0;0810:0;0820:0;0890:0;-(0911,0912,0913,0914,0915,0916,0917,0919):0;-(0921,0922,0929):0;-(0931,0932,0933,0939):0;-(1011,1013,1019,1020):0|
3.2.2|水资源高效及循环利用|0513:0;0519:0;4840:0;-(1461,1462,1469,1511,1512,1513,1514,1515,1713,1723,1733,1752,1762,2211,2212,2221,2222,2511,2519,2521,2522,2523,2611,2612,2613,2614,2621,3110,3120,3130,4411,4412,4414,4417,4430):0;4620:0;4630:0;4690:0;-(4710,4720,4790,4840,4861,4862,4873):0;4920:0|
3.2.3|工业固体废弃物综合利用|0519:0;2624:0;-(3011,3012,3031,3071,3089):0;-(3110,3120,3211,3212,3213,3214,3216):0;-(4710,4720,4790,4811,4812,4813,4814,4819,4821,4822,4823,4833,4840,4853,4872,4873,4874,4875):0;-(0610,0620,0690,0810,0820,0890,0911,0912,0913,0914,0915,0916,0919,0921,0922,0931,0932,0933,0939):0;2822:0;2829:0;3061:0;7721:0;7722:0;7723:0|
3.2.4|农林废弃物综合利用|0142:0;0171:0;0179:0;0211:0;0212:0;0511:0;0311:0;0312:0;0314:0;0315:0;0519:0;2021:0;2022:0;2023:0;2029:0;2541:2;2542:2;2625:0;2663:2;2832:2;4417:2;4520:2|
3.2.5|废旧物资循环利用|-(3421,3422,3425,3472,3474,3491,3511,3514,3517,3620,3670,3741):2;4210:2;4220:2;5191:1|
3.2.6|垃圾资源化利用|5191:1;4417:2;2541:2;4520:2;2625:0;4812:0;4813:0|
3.2.7|废气回收利用|2511:2;2519:2;2521:2;2612:2;2614:2;2621:2;3011:2;3012:2;3110:2;3120:2;4861:2;4862:0|
3.2.8|园区循环化改造|7221:0;7910:0;4840:0|
3.2.9|木材高效加工及循环利用|2011:0;2012:0;2013:0;2021:0;2022:0;2023:0;2029:0;7514:1;7516:0|
4.1.1|风力发电装备制造|3415:1;3811:1|
4.1.2|太阳能利用装备制造|3825:1;3811:1;3419:1|
4.1.3|生物质能利用装备制造|3433:1;3434:1;3461:1;3521:1;3572:1;3591:1|
4.1.4|水力发电和抽水蓄能装备制造|3414:1;3811:1|
4.1.5|核电装备制造|3411:1;3511:1;3599:1;3591:0;4027:0;4011:1|
4.1.6|地热能开发利用装备制|3464:1;3499:1;3811:1|TRUNC
4.1.7|海洋能开发利用装备制造|3811:1;3419:1;3737:0|
4.1.8|新型储能产品制造|3419:1;3811:1;3849:1;3841:1;3824:1;3441:1;3462:1;3464:1;3463:1|
4.1.9|氢能“制储输用”全链条装备制造|3413:1;3442:1;3443:1;3516:1;3463:1;3521:1;3612:1;3630:1;3620:1;3849:1;3331:1;3332:1;3731:0|
4.1.10|智能电网产品和装备制造|3821:1;3822:1;3823:1;3824:1;3829:1|
4.2.1|风力发电设施建设和运营|4415:2;4874:2|
4.2.2|太阳能利用设施建设和运营|4416:2;4875:2;4430:2;4851:2;4920:2|
4.2.3|生物质能利用设施建设和运营|4417:2;4430:2;4520:2;2541:2;2542:2;4790:2;4840:2|
4.2.4|大型水力发电设施建设和运营|4413:2;4872:2|
4.2.5|核电站及核能综合利用设施建设和运营|4414:2;4430:2;4873:2;4840:2;4790:2|
4.2.6|地热能利用设施建设和运营|4419:2;4879:2;4790:0|
4.2.7|海洋能利用设施建设和运营|4419:2;4879:2|
4.2.8|氢能基础设施建设和运营|2619:2;2541:2;5720:2;5266:2;4413:2;4415:2;4416:2;4420:2;4840:2;4790:0|
4.2.9|热泵设施建设和运营|4430:2;4840:2;4920:2|
4.3.1|电力源网荷储一体化及多能互补工程建设和运营|4413:2;4415:2;4416:2;4420:2;4872:2;4874:2;4875:2;4851:2;4910:2;4920:2|
4.3.2|新型储能设施建设和运营|4413:2;4414:2;4415:2;4416:2;4419:2;4420:2;-(各用电、用热（冷）行业):2;4832:2;4840:2;4851:2;4872:2;4873:2;4874:2;4875:2;4879:2|
4.3.3|抽水蓄能电站建设和运营|4413:2;4872:2|
4.3.4|小型水电站更新改造|4413:2|
4.3.5|智能电网建设和运营|4420:2;4851:2|
4.3.6|新型电力负荷管理系统建设和运营|4420:2;4851:2|
4.3.7|分布式能源工程建设和运营|4413:2;4414:2;4415:2;4416:2;4419:2;-(各用电、用热（冷）行业):2;4840:2;4851:2;4872:2;4874:2;4875:2;4879:2|
5.1.1|现代化育种育苗|0211:2;0212:2;0541:0;0511:0;0531:0;7512:0|
5.1.2|种质资源保护|0211:2;0212:2;0541:0;0511:0;0531:0;7713:0;7462:0;7714:0;7716:0;7719:0|
5.1.3|绿色农业生产|-(0111,0112,0113,0119,0121,0122,0123,0131,0132,0133,0141,0142,0151,0152,0153,0154,0159,0161,0162,0163,0164,0169,0171,0179,0190):0;-(0311,0312,0313,0314,0315,0319,0321,0322,0323,0329,0392,0399):0;0411:0;0412:0;7451:0;7511:0;2921:0;0111:0;0519:0;-(1311,1312,1313,1314,1319,1329,1331,1340,1351,1353,1361,1362,1363,1369,1371,1372,1373,1391,1392,1393,1399):0|
5.1.4|有机、绿色等认证农业|-(0111,0112,0113,0119,0121,0122,0123,0131,0132,0133,0141,0142,0151,0152,0153,0154,0159,0161,0162,0163,0164,0169,0171,0179,0190):0;0411:0;0412:0;-(0311,0312,0313,0314,0315,0319,0321,0322,0323,0329,0392,0399):0|
5.1.5|农作物种植保护地、保护区建设和运营|0519:0|
5.1.6|农作物病虫害绿色防控|0515:0;7511:0|
5.1.7|休闲农业和乡村旅游|9030:0;7869:0;6130:0;6210:0;-(各品种农作物种植):0;-(各品种畜禽动物养殖):0;-(各品种水产品养殖):0;9051:0|
5.1.8|农业生态系统保护修复|0519:0;-(各品种农作物种植):0|
5.1.9|森林资源培育和经营|0211:2;0212:2;0220:2;0231:2;0232:2;0241:2|
5.1.10|林业基因资源保护|7714:2;0521:2;6531:1|
5.1.11|林下种养殖和林下采集|0251:0;0252:0;-(0111,0112,0113,0119,0121,0122,0123,0131,0132,0133,0141,0142):0;-(0311,0312,0313,0314,0315,0319,0321,0322,0323,0329,0392,0399):0;0392:0;0399:0|
5.1.12|森林游憩和康养|7861:0;7862:0;7869:0|
5.1.13|竹产业|0211:2;0212:2;0220:2;0231:2;0232:2;0242:2;0523:2;0529:2;0252:0;1371:0;1922:2;2041:2;2120:2;-(各类“以竹代塑”产品制造):2|
5.1.14|绿色畜牧业|-(0311,0312,0313,0314,0315,0319,0321,0322,0323,0329):0;1351:0;1352:0;4840:0;0181:0;1495:0;2750:0;0311:2;0312:2;0314:2|
5.1.15|绿色渔业|0411:0;0412:0;0421:0;0422:0;-(2761,1329,1363,1491,1492,2625,2632,2730,2740):0;0549:0;1329:0;5532:0|
5.1.16|海洋牧场建设和运营|0411:0;4839:0|
5.2.1|生物多样性保护|7462:0;7711:0;7713:0;7714:0;7840:0;7850:0;7861:0;7862:0;9226:0|
5.2.2|自然保护地建设和保护性运营|7711:0;7712:0;7713:0;7714:0;7719:0|
5.2.3|天然林保护修复|0220:2;0231:2;0521:2;0522:1;0529:0;4790:0;4812:0;4852:0;4851:0|
5.2.4|草原保护修复|0311:0;0312:0;0314:0;0315:0;0319:0;4863:0;7462:0|
5.2.5|森林草原防灭火体系建设和运维|0522:0|
5.2.6|荒漠化和石漠化综合治理|4863:0;0220:2|
5.2.7|水土流失综合治理|0519:0;4821:0;0220:2;4863:0;-(其他涉及水土保持的经济活动):0|
5.2.8|重点区域生态保护和修复|4863:0;0311:0;0312:0;0314:0;0315:0;0319:0;0220:0|
5.2.9|山水林田湖草沙一体化保护修复|4863:0|
5.2.10|有害生物灾害防治|0515:0;0521:0;7462:0;7711:0;7721:0|
5.2.11|水生态系统旱涝灾害防控及应对|4821:0;4822:0;4863:0;6531:0;6540:0;7610:0;7620:0|
5.2.12|湿地保护修复|4863:0|
5.2.13|海洋生态、海域海岸带和海岛生态修复|4839:0|
5.2.14|增殖放流|0549:0|
5.3.1|采煤沉陷区综合治理|7910:0;4863:0;7729:0;-(4710,4790,4821,4840,4813,4851,4852):0;4790:0;4840:0|
5.3.2|地下水超采区|-(各品种农作物种植):0;0519:0;7620:0;4821:0;7630:0;-(4411,4412,3110,3120,3130,3211,3216,3041,3042,3049,3071,3072,3073,2611,2612,2613,2614,2619,2511,2211,2212,1713,1723,1733,1743,1752):0|TRUNC?
5.3.3|土地综合整治|0519:0;7910:0|
5.3.4|矿山地质环境恢复治理和生态修复|7729:0|
6.1.1|绿色建筑建设和运营|7484:1;7010:2;7020:2;4710:2;4720:2;4790:2|
6.1.2|超低能耗和低碳建筑建设和运营|7484:1;7010:2;7020:2;4710:2;4720:2;4790:2|
6.1.3|既有建筑绿色化改造和运营|4861:2;7020:2|
6.1.4|绿色农房建|7484:1;7010:2;4710:2;4861:2;7020:2|TRUNC
6.1.5|建筑可再生能源应用|7484:1;4861:2|
6.1.6|装配式建筑设计和建造|7484:0;4710:0;4720:0;4790:0|
6.1.7|建筑工程智能建造|-(4710,4720,4790,4813,4821,4822,4840,4863):0;6513:0;6519:0;6531:0;6540:0;3514:0;7113:0|
6.2.1|绿色公路建设和公路交通基础设施绿色低碳化改造|4812:2;5443:2|
6.2.2|交通枢纽场站绿色化改造|4861:2|
6.2.3|充电、换电和加气等设施建设和运营|4851:2;4790:2;4840:2;5266:2;5267:2;5299:2|
6.2.4|智能交通体系建设和运营|6531:2;6540:2|
6.2.5|共享交通设施建设和运营|7111:0;5414:2;6531:1;4813:0;5449:0|
6.2.6|城乡客运系统建设和运营|4814:2;4813:2;6531:1;5411:2;5412:0|
6.2.7|城市慢行系统建设和运营|4813:2;7810:0|
6.2.8|环境友好型铁路建设运营和铁路绿色化改造|4811:2;4790:2;4851:2;4910:2;4920:2;-(5311,5312,5313,5320,5331,5332):0|
6.2.9|多式联运系统与公转铁、公转水建设和运营|4790:2;6531:1;4840:2;5320:2;5431:2;5432:2;5433:2;5436:2;5442:2;5810:2;4811:2;4823:2|
6.2.10|公路甩挂运|4790:2;6531:1;5442:2|TRUNC
6.2.11|绿色民航|4790:2;4910:2;5631:2|
6.2.12|绿色港口和航道|4823:2|
6.3.1|绿色物流枢纽、绿色物流园区建设和运|4790:2;4840:2;5332:2;5442:2;5532:2;5631:2;6010:2|TRUNC
6.3.2|绿色仓储设施（含冷库）建设|4790:2;4840:2|
6.3.3|绿色粮食仓储物流设施建设和运营|4790:0;4823:0;5951:0;5532:0|
6.3.4|绿色物流技术设备应用|-(5431,5432,5433,5434,5435,5436,5437,5438):2;5442:2;5910:2;5930:2;5990:0;6010:0;6020:0;6090:0;6531:0|
6.4.1|园林绿化建设、养护管理和运营|4891:2;7840:2;7850:2|
6.4.2|海绵城市建设和运营|4710:0;4720:0;4790:0;7020:0;4813:0;4899:0;7810:0;4891:0;7840:0;7850:0;4852:0;4863:0|B0000vsC物业管理
6.4.3|城镇供水管网分区计量漏损控制建设和运营|4790:0;4840:0;4852:0;4610:0|
6.4.4|水利设施智能化建设|6531:0;4851:0;4910:0|
6.4.5|城镇污水收集系统排查改造建设修复|4852:0;4863:0;6531:0|
6.4.6|入河入海排污口排查整|7441:0;9226:0;4852:0;6531:0|TRUNC
6.4.7|污水污泥处理处置设施建设和运营|4840:0;4620:0;7810:0|
6.4.8|生活垃圾收运与处理设施建设和运营|4840:0;7810:0|
6.4.9|生态环境监测系统建设和运营|6531:0;7461:0|
6.4.10|生态安全预警体系和生态保护修复信息平台建设和运维|6531:0;7462:0|
6.5.1|城镇电力设施智能化建设运营和|6531:2;4851:2;4910:2|TRUNC
6.5.2|城镇一体化集成供能设施建设和运营|4840:2;4910:2;4851:2;4420:2;4430:2;4511:0;4520:2|
6.5.3|城镇集中供热系统清洁化、低碳化建设运|4861:2;4840:2;4430:2|TRUNC
6.5.4|农村清洁能源基础设施建设和运营|4851:2;4852:2;4840:2;4920:2;4430:2|
6.6.1|通信网络设施节能改造|4861:2|
6.6.2|绿色数据中心建设|4910:2;4920:2|
6.6.3|数据中心节能改造|4861:2|
7.1.1|绿色低碳转型产业项目勘察服务|7483:1|
7.1.2|绿色低碳转型产业项目咨询和设计服务|7481:1;7499:1;7484:1|
7.1.3|绿色低碳转型产业项目施工监理服务|7482:1|
7.1.4|其他绿色低碳转型产业相关咨询服务|7485:1;7499:1;8391:0|
7.2.1|能源管理体系建设|6531:1;7481:1;7455:1|
7.2.2|合同能源管理|4861:1;7499:1|
7.2.3|合同节水管理|4840:1;7499:1|
7.2.4|电力需求侧管理|4420:2;-(各用电行业):2|
7.2.5|资源循环利用第三方服务|4840:2;4861:2;4862:0|
7.2.6|环境污染第三方治理|-(7721,7722,7723,7724,7725,7726,7727,7729):0|
7.2.7|数字化赋能绿色低碳管理|6531:2;6431:2|
7.3.1|能耗在线监测系统建设|6531:1;6540:1|
7.3.2|温室气体排放源监控|6531:1;6540:1;7499:1|
7.3.3|环境损害监测评估|7499:0;6820:0;7239:0|
7.3.4|污染源监测|6531:0;6513:0;7453:0;-(设备采购):0|
7.3.5|企业环境监测|-(设备采购):0;7461:0;6531:0;8391:0|
7.3.6|生态环境监测和生态安全预警|7461:0;7462:0;7452:0;7499:0|
7.3.7|生态系统碳汇监测评估|7462:0;7499:0;0529:0;4863:0;7711:0|
7.3.8|碳监测评估|7461:0;6531:0;7454:0|
7.4.1|节能评估和能源审计|7499:1|
7.4.2|节能和能效诊断|7499:1|
7.4.3|碳排放相关核算、核查等服务|7499:1;6531:1;8391:0|
7.4.4|建筑能效与碳排放测评|7499:1|
7.4.5|清洁生产审核|7499:1|
7.4.6|环境影响评价|7499:0;6531:0;7239:0|
7.4.7|生态环境质量监测与评估|7461:0|
7.4.8|自然资源生态保护补偿和资产损害赔偿鉴定评估|7499:0|
7.4.9|生态保护修复|7455:0;7499:0|
7.4.10|地质灾害危险性评估|7499:0|
7.4.11|水土保持评估|7481:0;7239:0|
7.4.12|绿色制造评价|7455:0|
7.5.1|绿色技术产品研发|7491:0|
7.5.2|绿色技术产品认证推广|7511:0;7512:0;7513:0;7514:1;7515:1;7516:0;7455:0|
7.5.3|绿色技术交易|7511:0;7512:0;7513:0;7514:1;7515:1;7516:0;6531:0;7491:0;7499:0;7520:0|
7.6.1|碳交易|7499:1;7239:0|
7.6.2|用能权交易|7499:0;6639:0;7239:0;6531:0|
7.6.3|用水权交易|7499:0;7239:0;6639:0;6531:0|
7.6.4|排污权交易|7499:0;7239:0;6639:0|
7.6.5|林权交易|7499:0;7239:0;6639:0;6531:0|
7.6.6|可再生能源绿证和绿色电力交易|-(6711):1|E:参照6711
8.1.1|节能工业设备、农机及绿色建材贸易|5175:1;5179:1;5165:1;5171:1;-(5181,5193):0|
8.1.2|节能商用设备、产品贸易|5176:1;5179:1;5273:1;5279:1;-(5181,5193,5292):0|
8.1.3|节能家电产品、节能灶具贸易|5137:1;5138:1;5135:1;5271:1;5272:1;5273:1;5279:1;5282:1;-(5181,5193,5292,5293,5211,5212):0|
8.2.1|新能源汽车及关键零部件贸易|5169:1;5179:1;5175:1;5172:1;-(5181,5193):0|
8.2.2|绿色船舶贸易|5179:1;-(5181,5193):0|
8.2.3|先进轨道交通装备贸易|5179:1;-(5181,5193):0|
8.2.4|先进高效航空装备贸易|5179:1;-(5181,5193):0|
8.2.5|先进港口装卸作业设备贸易|5172:1;5179:1;-(5181,5193):0|
8.3.1|污染防治装备贸易|5179:0;-(5181,5193):0|
8.3.2|公约管控化学物质污染治理装备贸易|5179:0;-(5181,5193):0|
8.3.3|环境监测专用仪器仪表贸易|5179:0;-(5181,5193):0|
8.3.4|环境污染处理药剂材料、无毒无害原料、产品贸易|5169:0;-(5181,5193):0|
8.3.5|高效低毒低残留农药贸易|5167:0;-(5181,5193):0|
8.3.6|家用空气净化产品贸易|5138:0;5272:0;-(5181,5193,5211,5212):0|
8.3.7|商业、饮食服务空气污染治理设备、产品贸易|5179:0;-(5181,5193):0|
8.3.8|水资源专用机械贸易|5179:0;-(5181,5193):0|
8.3.9|建筑隔声门窗产品，隔热隔音材料贸易|5179:0;5165:0;-(5181,5193):0|
8.4.1|矿产资源综合利用装备贸易|5179:0;-(5181,5193):0|
8.4.2|水资源高效及循环利用|5171:0;5179:0;-(水资源高效及循环利用装备其他形式贸易):0|NAMECHECK
8.4.3|工业固体废弃物综合利用装备贸易|5179:0;-(5181,5193):0|
8.4.4|农林废弃物综合利用装备贸易|5171:0;-(5181,5193):0|
8.4.5|废旧物资循环利用装备贸易|5179:1;-(5181,5193):0|
8.4.6|垃圾资源化利用装备贸易|5179:0;-(5181,5193):0|
8.4.7|废气回收利用装备贸易|5179:1;-(5181,5193):0|
8.5.1|风力发电装备贸易|5179:1;5175:1;-(5181,5193):0|
8.5.2|太阳能利用装备贸易|5179:1;5175:1;-(5181,5193):0|
8.5.3|生物质能利用装备贸易|5172:1;5179:1;5171:1;-(5181,5193):0|
8.5.4|水力发电和抽水蓄能装备贸易|5179:1;5175:1;-(5181,5193):0|
8.5.5|核电装备贸易|5179:1;-(5181,5193):0|
8.5.6|地热能开发利用装备贸易|5179:1;5175:1;-(5181,5193):0|
8.5.7|海洋能开发利用装备贸易|5179:1;-(5181,5193):0|
8.5.8|新型储能产品贸易|5179:1;-(5181,5193):0|
8.5.9|氢能“制储输用”全链条装备贸易|5179:1;5172:1;-(5181,5193):0|
8.5.10|智能电网产品和装备贸易|5175:1;5179:1;-(5181,5193):0|
8.6.1|绿色农产品批发贸易|-(5111,5123,5117,5119,5121,5124,5127):0;-(5181,5193):0|
8.6.2|绿色农产品零售|-(5221,5223,5224,5226):0;-(5211,5212,5292):0|
8.7.1|绿色认证产品批发|-(5175,5179,5165,5171,5176,5137,5138,5135,5169,5172,5167):0;-(5181,5193):0|
8.7.2|绿色认证产品零售|-(5273,5279,5271,5272,5282):0;-(5211,5212,5292):0|
9.1.1|新能源汽车消费|-(购置新能源汽车):2|
9.1.2|绿色低碳建筑消费|-(购置绿色低碳建筑):2|
9.1.3|其他绿色消费|-(购买其他绿色产品):0|
"""

T24_EN = r"""
1|Energy Conservation and Carbon Reduction Industry
1.1|High-Efficiency Energy-Saving Equipment Manufacturing
1.1.1|Manufacturing of energy-saving boilers
1.1.2|Manufacturing of energy-saving kilns
1.1.3|Manufacturing of energy-saving internal combustion engines
1.1.4|Manufacturing of high-efficiency generators and generator sets
1.1.5|Manufacturing of energy-saving pumps and vacuum equipment
1.1.6|Manufacturing of energy-saving gas compression equipment
1.1.7|Manufacturing of energy-saving electric motors and micro-special motors
1.1.8|Manufacturing of energy-saving fans and blowers
1.1.9|Manufacturing of energy-saving transformers, rectifiers, inductors, and welding machines
1.1.10|Manufacturing of high-efficiency energy-saving magnetic levitation power equipment
1.1.11|Manufacturing of energy-saving agricultural supplies
1.1.12|Manufacturing of energy-saving mining and construction materials production equipment
1.1.13|Manufacturing of high-efficiency energy-saving low-carbon commercial equipment
1.1.14|Manufacturing of high-efficiency energy-saving low-carbon household appliances
1.1.15|Manufacturing of high-efficiency lighting products and systems
1.1.16|Manufacturing of high-efficiency energy-saving stoves and cooking equipment
1.1.17|Manufacturing of waste heat, waste pressure, and waste gas utilization equipment
1.1.18|Manufacturing of green building materials
1.1.19|Manufacturing of energy measurement, testing, monitoring, and control equipment
1.2|Advanced Transportation Equipment Manufacturing
1.2.1|Manufacturing of key components for new energy vehicles
1.2.2|Manufacturing of green ships (excluding shipyard construction)
1.2.3|Manufacturing of advanced rail transit equipment
1.2.4|Manufacturing of advanced high-efficiency aviation equipment
1.2.5|Manufacturing of advanced port loading and unloading equipment
1.3|Energy Conservation and Carbon Reduction Retrofit
1.3.1|Energy-saving retrofit and efficiency improvement of boilers (kilns)
1.3.2|Efficiency improvement of steam turbine generator systems
1.3.3|Efficiency improvement of motor systems
1.3.4|Energy-saving retrofit of power grids
1.3.5|Utilization of waste heat and waste pressure
1.3.6|Optimization of energy systems
1.3.7|Green lighting retrofit
1.3.8|Green and low-carbon upgrading of ships
1.4|Green and Low-Carbon Transformation of Key Industrial Sectors
1.4.1|Energy conservation, carbon reduction retrofit, and efficiency improvement
1.4.2|Process improvement and workflow optimization
1.4.3|Digitalization and intelligent upgrading
1.5|Greenhouse Gas Control
1.5.1|Carbon Capture, Utilization, and Storage
1.5.2|Development and Utilization of Ozone-Depleting Substance Substitutes
1.5.3|Greenhouse Gas Emission Reduction in Industrial Production Processes
2|Environmental Protection Industry
2.1|Manufacturing of Advanced Environmental Protection Equipment and Raw Materials
2.1.1|Manufacturing of Air Pollution Control Equipment
2.1.2|Manufacturing of Water Pollution Control Equipment
2.1.3|Manufacturing of Soil Pollution Treatment and Remediation Equipment
2.1.4|Manufacturing of Equipment for Collection, Storage, Transportation, and Disposal of Solid Waste
2.1.5|Manufacturing of Noise and Vibration Control Equipment
2.1.6|Manufacturing of Radioactive Pollution Prevention and Treatment Equipment
2.1.7|Manufacturing of Environmental Pollution Treatment Agents and Materials
2.1.8|Production and Substitution of Non-toxic and Harmless Raw Materials and Products
2.1.9|Production of High-Efficiency, Low-Toxicity, and Low-Residue Pesticides
2.1.10|Manufacturing of Environmental Monitoring Instruments and Emergency Response Equipment
2.1.11|Manufacturing of Pollution Control Equipment for Convention-Regulated Chemical Substances
2.1.12|Manufacturing of Low (or Zero) Pollution Emission Equipment
2.2|Air Pollution Control
2.2.1|Industrial Desulfurization, Denitrification, and Dust Removal Retrofit
2.2.2|Ultra-Low Emission Retrofit in Key Industries
2.2.3|Comprehensive Treatment of Volatile Organic Compounds (VOCs)
2.2.4|Control of Fugitive Air Pollutant Emissions from Industrial Plants and Mines
2.2.5|Comprehensive Treatment of Urban Dust Pollution
2.2.6|Control of Cooking Fume Pollution from the Catering Industry
2.2.7|Control of Atmospheric Ammonia Emissions
2.3|Water Pollution Control
2.3.1|Protection of Water Bodies and Groundwater Pollution Prevention
2.3.2|Water Environment Treatment in Key River Basins and Marine Areas
2.3.3|Treatment of Black and Odorous Water Bodies in Cities (Including County-Level Cities)
2.3.4|Water Pollution Control in Key Industries
2.3.5|Centralized Water Pollution Control in Industrial Parks
2.4|Soil Pollution Control
2.4.1|Treatment of Agricultural Land Pollution
2.4.2|Treatment of Pollution on Construction Land
2.4.3|Prevention and Control of Non-Point Source Pollution in Agriculture, Forestry, and Grasslands
2.4.4|Desert Pollution Control
2.5|Other Pollution Control and Comprehensive Environmental Remediation
2.5.1|Harmless Treatment and Disposal of Industrial Solid Waste
2.5.2|Treatment and Disposal of Hazardous Waste
2.5.3|Noise and Vibration Pollution Control
2.5.4|Control of Odor Pollution
2.5.5|Treatment of Emerging Pollutants
2.5.6|Clean Production Retrofit in Key Industries
2.5.7|Centralized Transformation of Pollution Control in Industrial Parks
2.5.8|Pollution Control for Transportation Vehicles and Vessels
2.5.9|Pollution Prevention and Control for Ships and Ports
2.5.10|Pollution Control of Livestock and Aquaculture Waste
2.5.11|Improvement of Rural Living Environment
3|Resource Recycling Industry
3.1|Resource Recycling Equipment Manufacturing
3.1.1|Manufacturing of Comprehensive Utilization Equipment for Mineral Resources
3.1.2|Manufacturing of High-Efficiency and Recycling Water Resource Utilization Equipment
3.1.3|Manufacturing of Comprehensive Utilization Equipment for Industrial Solid Waste
3.1.4|Manufacturing of Comprehensive Utilization Equipment for Agricultural and Forestry Waste
3.1.5|Manufacturing of Recycling Equipment for Used Materials
3.1.6|Manufacturing of Waste Resource Utilization Equipment
3.1.7|Manufacturing of Waste Gas Recovery and Utilization Equipment
3.2|Resource Recycling
3.2.1|Comprehensive Utilization of Mineral Resources
3.2.2|High-Efficiency and Recycling Utilization of Water Resources
3.2.3|Comprehensive Utilization of Industrial Solid Waste
3.2.4|Comprehensive Utilization of Agricultural and Forestry Waste
3.2.5|Recycling and Utilization of Used Materials
3.2.6|Waste Resource Utilization
3.2.7|Waste Gas Recovery and Utilization
3.2.8|Circular Transformation of Industrial Parks
3.2.9|Efficient Processing and Recycling of Wood
4|Green and Low-Carbon Energy Transition
4.1|New and Clean Energy Equipment Manufacturing
4.1.1|Manufacturing of Wind Power Equipment
4.1.2|Manufacturing of Solar Energy Utilization Equipment
4.1.3|Manufacturing of Biomass Energy Utilization Equipment
4.1.4|Manufacturing of Hydropower and Pumped Storage Equipment
4.1.5|Manufacturing of Nuclear Power Equipment
4.1.6|Manufacturing of Gas Turbine Equipment
4.1.7|Manufacturing of Geothermal Energy Development and Utilization Equipment
4.1.8|Manufacturing of Ocean Energy Development and Utilization Equipment
4.1.9|Manufacturing of Unconventional Oil and Gas Equipment
4.1.10|Manufacturing of Offshore Oil and Gas Equipment
4.1.11|Manufacturing of New Energy Storage Products
4.1.12|Full-Chain Equipment Manufacturing for Hydrogen Energy Production, Storage, Transportation, and Utilization
4.1.13|Manufacturing of Smart Grid Products and Equipment
4.2|Clean Energy Infrastructure Construction and Operation
4.2.1|Wind Power Facility Construction and Operation
4.2.2|Solar Energy Utilization Facility Construction and Operation
4.2.3|Biomass Energy Utilization Facility Construction and Operation
4.2.4|Large-Scale Hydropower Facility Construction and Operation
4.2.5|Nuclear Power Plant and Nuclear Energy Comprehensive Utilization Facility Construction and Operation
4.2.6|Geothermal Energy Utilization Facility Construction and Operation
4.2.7|Ocean Energy Utilization Facility Construction and Operation
4.2.8|Hydrogen Energy Infrastructure Construction and Operation
4.2.9|Heat Pump Facility Construction and Operation
4.3|Safe and Efficient Operation of Energy Systems
4.3.1|Construction and Operation of Integrated Power Generation, Grid, Load, and Storage Systems and Multi-Energy Complementary Projects
4.3.2|Construction and Operation of New Energy Storage Facilities
4.3.3|Construction and Operation of Pumped Storage Power Stations
4.3.4|Renovation and Upgrading of Small Hydropower Stations
4.3.5|Construction and Operation of Smart Grids
4.3.6|Construction and Operation of New Power Load Management Systems
4.3.7|Construction and Operation of Natural Gas Transmission, Storage, and Peak Shaving Facilities
4.3.8|Construction and Operation of Distributed Energy Projects
4.3.9|Digital and Intelligent Upgrading of the Energy Industry
4.4|Clean and Low-Carbon Transition of Traditional Energy
4.4.1|Clean Coal Production
4.4.2|Clean and Efficient Utilization of Coal
4.4.3|Energy-Saving and Carbon-Reduction Transformation, Heating Transformation, Flexibility Transformation, and Clean and Efficient Supporting Power Construction for Coal Power Units
4.4.4|Clean Fuel Production
4.4.5|Clean Production of Crude Oil and Natural Gas
4.4.6|Development of Unconventional Oil and Gas Resources
4.4.7|Extraction and Utilization of Coalbed Methane (Coal Mine Gas)
4.4.8|Methane Recovery and Utilization in Oil and Gas Fields
5|Ecological Protection, Restoration, and Utilization
5.1|Ecological Agriculture, Forestry, Animal Husbandry, and Fishery
5.1.1|Modern Breeding and Seedling Cultivation
5.1.2|Conservation of Germplasm Resources
5.1.3|Green Agricultural Production
5.1.4|Organic and Green-Certified Agriculture
5.1.5|Construction and Operation of Protected Areas and Protected Farmlands
5.1.6|Green Prevention and Control of Crop Diseases and Pests
5.1.7|Recreational Agriculture and Rural Tourism
5.1.8|Protection and Restoration of Agricultural Ecosystems
5.1.9|Cultivation and Management of Forest Resources
5.1.10|Conservation of Forestry Genetic Resources
5.1.11|Understory Planting, Breeding, and Collection
5.1.12|Forest Recreation and Health Tourism
5.1.13|Bamboo Industry
5.1.14|Green Animal Husbandry
5.1.15|Green Fishery
5.1.16|Construction and Operation of Marine Ranches
5.2|Ecological Protection and Restoration
5.2.1|Biodiversity Conservation
5.2.2|Establishment and Protective Operation of Nature Reserves
5.2.3|Protection and Restoration of Natural Forests
5.2.4|Grassland Protection and Restoration
5.2.5|Construction and Operation of Forest and Grassland Fire Prevention and Extinguishing Systems
5.2.6|Comprehensive Control of Desertification and Rocky Desertification
5.2.7|Comprehensive Control of Soil Erosion
5.2.8|Ecological Protection and Restoration in Key Areas
5.2.9|Integrated Protection and Restoration of Mountains, Rivers, Forests, Farmlands, Lakes, Grasslands, and Deserts
5.2.10|Prevention and Control of Harmful Biological Disasters
5.2.11|Prevention, Control, and Response to Drought and Flood Disasters in Aquatic Ecosystems
5.2.12|Wetland Protection and Restoration
5.2.13|Marine Ecology, Coastal Zones, and Island Ecological Restoration
5.2.14|Stock Enhancement and Release
5.3|Comprehensive Land Management
5.3.1|Comprehensive Management of Coal Mining Subsidence Areas
5.3.2|Management and Restoration of Over-Extracted Groundwater Areas
5.3.3|Comprehensive Land Management
5.3.4|Restoration and Ecological Rehabilitation of Mining Geological Environments
6|Green Infrastructure Upgrades
6.1|Building Energy Efficiency and Green Buildings
6.1.1|Construction and Operation of Green Buildings
6.1.2|Construction and Operation of Ultra-Low Energy and Low-Carbon Buildings
6.1.3|Green Renovation and Operation of Existing Buildings
6.1.4|Construction, Renovation, and Operation of Green Rural Housing
6.1.5|Application of Renewable Energy in Buildings
6.1.6|Design and Construction of Prefabricated Buildings
6.1.7|Intelligent Construction of Building Projects
6.2|Green Transportation
6.2.1|Construction of Green Highways and Low-Carbon Upgrades to Highway Infrastructure
6.2.2|Green Renovation of Transportation Hubs and Stations
6.2.3|Construction and Operation of Charging, Battery Swapping, and Gas Refueling Facilities
6.2.4|Construction and Operation of Intelligent Transportation Systems
6.2.5|Construction and Operation of Shared Transportation Facilities
6.2.6|Construction and Operation of Urban-Rural Passenger Transport Systems
6.2.7|Construction and Operation of Urban Slow-Traffic Systems
6.2.8|Construction and Operation of Environmentally Friendly Railways and Railway Green Upgrades
6.2.9|Construction and Operation of Multimodal Transport Systems and Road-to-Rail/Road-to-Water Transport
6.2.10|Construction and Operation of Highway Drop-and-Hook Transport Systems
6.2.11|Green Civil Aviation
6.2.12|Green Ports and Waterways
6.3|Green Logistics
6.3.1|Construction and Operation of Green Logistics Hubs and Green Logistics Parks
6.3.2|Construction of Green Warehousing Facilities (Including Cold Storage)
6.3.3|Construction and Operation of Green Grain Storage and Logistics Facilities
6.3.4|Application of Green Logistics Technology and Equipment
6.4|Environmental Infrastructure
6.4.1|Construction, Maintenance, and Operation of Landscaping and Greening
6.4.2|Construction and Operation of Sponge Cities
6.4.3|Construction and Operation of District Metered Leak Control in Urban Water Supply Networks
6.4.4|Intelligent Construction of Water Conservancy Facilities
6.4.5|Inspection, Renovation, Construction, and Restoration of Urban Sewage Collection Systems
6.4.6|Investigation, Rectification, and Standardized Construction of Outfalls into Rivers and Seas
6.4.7|Construction and Operation of Wastewater and Sludge Treatment and Disposal Facilities
6.4.8|Construction and Operation of Municipal Solid Waste Collection, Transport, and Treatment Facilities
6.4.9|Construction and Operation of Ecological and Environmental Monitoring Systems
6.4.10|Construction and Operation of Ecological Security Early Warning Systems and Ecological Protection and Restoration Information Platforms
6.5|Urban-Rural Energy Infrastructure
6.5.1|Intelligent Construction, Operation, and Upgrading of Urban Power Facilities
6.5.2|Construction and Operation of Integrated Urban Energy Supply Facilities
6.5.3|Clean and Low-Carbon Construction, Operation, and Upgrading of Urban Centralized Heating Systems
6.5.4|Construction and Operation of Rural Clean Energy Infrastructure
6.6|Information Infrastructure
6.6.1|Energy-Saving Upgrades for Communication Network Facilities
6.6.2|Construction of Green Data Centers
6.6.3|Energy-Saving Upgrades for Data Centers
7|Green Services
7.1|Consulting and Supervision
7.1.1|Survey Services for Green and Low-Carbon Transition Industry Projects
7.1.2|Consulting and Design Services for Green and Low-Carbon Transition Industry Projects
7.1.3|Construction Supervision Services for Green and Low-Carbon Transition Industry Projects
7.1.4|Other Consulting Services Related to Green and Low-Carbon Transition Industries
7.2|Operation Management
7.2.1|Development of Energy Management Systems
7.2.2|Contract Energy Management
7.2.3|Contract Water Conservation Management
7.2.4|Demand-Side Power Management
7.2.5|Third-Party Services for Resource Recycling and Utilization
7.2.6|Third-Party Governance of Environmental Pollution
7.2.7|Digital Empowerment for Green and Low-Carbon Management
7.3|Monitoring and Testing
7.3.1|Construction of Online Energy Consumption Monitoring Systems
7.3.2|Monitoring of Greenhouse Gas Emission Sources
7.3.3|Environmental Damage Monitoring and Assessment
7.3.4|Pollution Source Monitoring
7.3.5|Corporate Environmental Monitoring
7.3.6|Ecological Environment Monitoring and Ecological Security Early Warning
7.3.7|Ecosystem Carbon Sink Monitoring and Assessment
7.3.8|Carbon Monitoring and Assessment
7.4|Evaluation, Review, and Verification
7.4.1|Energy-Saving Assessment and Energy Auditing
7.4.2|Energy-Saving and Energy Efficiency Diagnosis
7.4.3|Carbon Emission-Related Accounting, Verification, and Other Services
7.4.4|Building Energy Efficiency and Carbon Emission Assessment
7.4.5|Cleaner Production Audit
7.4.6|Environmental Impact Assessment
7.4.7|Ecological Environment Quality Monitoring and Assessment
7.4.8|Identification and Assessment of Natural Resource Ecological Protection Compensation and Asset Damage Compensation
7.4.9|Ecological Protection and Restoration Product and Ecosystem Assessment
7.4.10|Geological Disaster Risk Assessment
7.4.11|Soil and Water Conservation Assessment
7.4.12|Green Manufacturing Evaluation
7.5|Green Technology Product R&D, Certification, and Promotion
7.5.1|Green Technology Product Research and Development
7.5.2|Green Technology Product Certification and Promotion
7.5.3|Green Technology Transactions
7.6|Resource and Environmental Rights Trading
7.6.1|Carbon Trading
7.6.2|Energy Use Rights Trading
7.6.3|Water Use Rights Trading
7.6.4|Emission Rights Trading
7.6.5|Forest Rights Trading
7.6.6|Renewable Energy Green Certificates and Green Power Trading
"""



# ---------------------------------------------------------------------------
# Sources (recorded on every row)
# ---------------------------------------------------------------------------
DOC25 = "银发〔2025〕132号《绿色金融支持项目目录（2025年版）》"
COPY25 = ("github felix0220170/green-support-project-2025 "
          "asset/final_two_level_structure_cleaned.json@b2125af (transcription of the table)")
SRC25_ITEM = f"{DOC25} 附件 三级目录; text via {COPY25}"
COPY25_SHORT = "felix0220170/green-support-project-2025@b2125af"
SRC25_RULE = f"银发〔2025〕132号 附件 行业代码/备注; via {COPY25_SHORT}"
SRC25_CRIT = f"{DOC25} 附件 说明/条件列; text via {COPY25}"
SRC25_L1 = (f"{DOC25} 通知 and press reports of the catalogue's structure (中国氢能联盟 2025-07-25 "
            "h5.h2cn.org.cn; eco.gov.cn 61439; 21世纪经济报道 2025-07-15); codes = first digit of "
            f"the third-level codes in {COPY25}")
SRC25_L2 = f"{DOC25} 附件; second-level codes inferred from the third-level codes in {COPY25}"
DOC24 = "发改环资〔2024〕165号《绿色低碳转型产业指导目录（2024年版）》"
COPY24 = ("unofficial English rendering of the catalogue list in a public GitHub file (Flask app "
          "prompt; stored-index file id 12087449413)")
SRC24_ITEM = f"{DOC24}; codes and English names via {COPY24}"
SRC24_L1 = (f"{DOC24}; first-level names as listed in NDRC's Q&A reprints and 2025 press "
            f"(the 2025 catalogue keeps them as categories 1–7); codes via {COPY24}")
CURATION = "greenkit curation"
XW_NOTE = "greenkit mapping by name"

# ---------------------------------------------------------------------------
# Parsing the embedded transcription
# ---------------------------------------------------------------------------


def parse_f25():
    items = []
    for line in F25_RAW.strip().splitlines():
        if not line or line.startswith("#"):
            continue
        code, name, rows, flags = line.split("|")
        parsed = []
        for part in rows.split(";"):
            if part.startswith("-"):
                m = re.match(r"-\((.*)\):(\d)$", part)
                inner, mark = m.group(1), int(m.group(2))
                codes = [c for c in inner.split(",") if re.fullmatch(r"\d{4}", c)]
                parsed.append({"codes": codes, "label": "" if codes else inner, "mark": mark,
                               "from_remark": True})
            else:
                c, mark = part.split(":")
                parsed.append({"codes": [c], "label": "", "mark": int(mark), "from_remark": False})
        items.append({"code": code, "name": name, "rows": parsed, "flags": flags})
    return items


def parse_t24():
    out = []
    for line in T24_EN.strip().splitlines():
        code, name = line.split("|", 1)
        out.append((code, name))
    return out


def sort_key(code: str):
    return [int(p) for p in code.split(".")] if code else [999]


MARK = {2: "√√", 1: "√", 0: "（无标识）"}
EFFECT = {2: "direct", 1: "indirect"}

# ---------------------------------------------------------------------------
# 2025: names, fixes, English
# ---------------------------------------------------------------------------
F25_L1 = {
    "1": ("节能降碳产业", "Energy conservation and carbon reduction industry"),
    "2": ("环境保护产业", "Environmental protection industry"),
    "3": ("资源循环利用产业", "Resource recycling industry"),
    "4": ("能源绿色低碳转型", "Green and low-carbon energy transition"),
    "5": ("生态保护修复和利用", "Ecological protection, restoration and utilization"),
    "6": ("基础设施绿色升级", "Green upgrading of infrastructure"),
    "7": ("绿色服务", "Green services"),
    "8": ("绿色贸易", "Green trade"),
    "9": ("绿色消费", "Green consumption"),
}

#: Names cut in the transcription (multi-line cells). Completed only where two
#: independent texts determine the ending; otherwise kept with "…".
NAME_FIX = {
    "1.1.10": ("高效节能磁悬浮动力装备制造",
               "copy reads 高效节能磁 (cell cut); completed from the catalogue's own 8.1.1 text "
               "(高效节能磁悬浮动力装备) and the 2024 rendering 'magnetic levitation power equipment'"),
    "1.2.2": ("绿色船舶制造（不含造船厂建设）",
              "copy reads 绿色船舶制造（不含造船厂建; completed from the 2024 rendering "
              "'(excluding shipyard construction)'"),
    "2.1.9": ("高效低毒低残…",
              "copy reads 高效低毒低残 (cell cut); full name not established — the 2019/2021 "
              "item was 高效低毒低残留农药生产与替代 and 8.3.5 reads 高效低毒低残留农药贸易"),
    "4.1.6": ("地热能开发利用装备制造",
              "copy reads 地热能开发利用装备制; completed from 8.5.6 地热能开发利用装备贸易 and the "
              "2019 item 地热能开发利用装备制造"),
    "5.3.2": ("地下水超采区治理与修复",
              "copy reads 地下水超采区 (cell cut); completed from the 2019/2021 item name and the 2024 "
              "rendering 'Management and Restoration of Over-Extracted Groundwater Areas'"),
    "6.1.4": ("绿色农房建…",
              "copy reads 绿色农房建 (cell cut); 2024 rendering: 'Construction, Renovation, and "
              "Operation of Green Rural Housing'; full Chinese name not established"),
    "6.2.10": ("公路甩挂运输系统建设和运营",
               "copy reads 公路甩挂运 (cell cut); completed from the 2019/2021 item name and the 2024 "
               "rendering 'Construction and Operation of Highway Drop-and-Hook Transport Systems'"),
    "6.3.1": ("绿色物流枢纽、绿色物流园区建设和运营",
              "copy reads …建设和运 (cell cut); completed from the 2024 rendering "
              "'Construction and Operation of Green Logistics Hubs and Green Logistics Parks'"),
    "6.4.6": ("入河入海排污口排查整…",
              "copy reads 入河入海排污口排查整 (cell cut); 2019 item: 入河排污口排查整治及规范化建设和运营; "
              "2024 rendering: 'Investigation, Rectification, and Standardized Construction of "
              "Outfalls into Rivers and Seas'; full name not established"),
    "6.5.1": ("城镇电力设施智能化建设运营和改造",
              "copy reads …建设运营和 (cell cut); completed from the 2019/2021 item name and the 2024 "
              "rendering '…Operation, and Upgrading of Urban Power Facilities'"),
    "6.5.3": ("城镇集中供热系统清洁化、低碳化建设运营和改造",
              "copy reads …低碳化建设运 (cell cut); completed from the 2019/2021 item "
              "城镇集中供热系统清洁化建设运营和改造 and the 2024 rendering 'Clean and Low-Carbon "
              "Construction, Operation, and Upgrading of Urban Centralized Heating Systems'"),
    "7.4.9": ("生态保护修复",
              "name as in the copy; possibly cut (2024 rendering: 'Ecological Protection and "
              "Restoration Product and Ecosystem Assessment'; the rows are 产品认定、认证 and 价值核算、"
              "评估 services)"),
    "8.4.2": ("水资源高效及循环利用装备贸易",
              "copy reads 水资源高效及循环利用; completed from the item's own rows "
              "(水资源高效及循环利用装备其他形式贸易; 备注 '水资源高效及循环利用装备贸易包含…')"),
}

#: (item, class) pairs whose class code in the copy had to be corrected.
CODE_FIX = {
    ("1.1.10", "3441"): "copy reads 行业代码 3411 with 行业名称 泵及真空设备制造; 3441 is the "
                        "GB/T 4754-2017 class 泵及真空设备制造 (3411 is 锅炉及辅助设备制造)",
    ("6.4.2", "7020"): "copy reads 行业代码 0000 with 行业名称 物业管理; 7020 is the GB/T 4754-2017 "
                       "class 物业管理",
}

#: Rows whose 条件 covers the whole class activity ("X活动。"), so the class
#: alone is strong evidence; every other row reads "X活动中符合…的…" (partial).
FULL_CLASS = {
    ("1.1.15", "3975"), ("1.2.1", "3612"), ("3.2.4", "4417"), ("3.2.4", "2542"),
    ("3.2.4", "4520"), ("3.2.5", "5191"), ("4.2.1", "4415"), ("4.2.1", "4874"),
    ("4.2.2", "4416"), ("4.2.2", "4875"), ("4.2.3", "4417"), ("4.2.3", "4520"),
    ("4.2.3", "2542"), ("4.2.5", "4414"), ("5.1.9", "0211"), ("5.1.9", "0212"),
    ("5.1.10", "0521"), ("5.1.13", "0242"), ("5.1.13", "2041"), ("5.2.5", "0522"),
    ("6.2.9", "5810"), ("7.3.5", "7461"),
}

EN25_EXTRA = {
    "1.2.1": "Manufacturing of new energy vehicles and key components",
    "8.1.1": "Trade in energy-saving industrial equipment, agricultural machinery and green "
             "building materials",
    "8.1.2": "Trade in energy-saving commercial equipment and products",
    "8.1.3": "Trade in energy-saving household appliances and stoves",
    "8.2.1": "Trade in new energy vehicles and key components",
    "8.2.2": "Trade in green ships",
    "8.2.3": "Trade in advanced rail transit equipment",
    "8.2.4": "Trade in advanced high-efficiency aviation equipment",
    "8.2.5": "Trade in advanced port handling equipment",
    "8.3.1": "Trade in pollution prevention and control equipment",
    "8.3.2": "Trade in pollution control equipment for convention-controlled chemicals",
    "8.3.3": "Trade in environmental monitoring instruments",
    "8.3.4": "Trade in pollution treatment agents and materials and non-toxic raw materials "
             "and products",
    "8.3.5": "Trade in high-efficiency, low-toxicity, low-residue pesticides",
    "8.3.6": "Trade in household air purification products",
    "8.3.7": "Trade in air pollution control equipment for commerce and catering",
    "8.3.8": "Trade in water resource machinery",
    "8.3.9": "Trade in sound-insulating doors and windows and insulation materials",
    "8.4.1": "Trade in mineral resource utilization equipment",
    "8.4.2": "Trade in efficient and recycling water utilization equipment",
    "8.4.3": "Trade in industrial solid waste utilization equipment",
    "8.4.4": "Trade in agricultural and forestry waste utilization equipment",
    "8.4.5": "Trade in used-materials recycling equipment",
    "8.4.6": "Trade in waste-to-resource equipment",
    "8.4.7": "Trade in waste gas recovery equipment",
    "8.5.1": "Trade in wind power equipment",
    "8.5.2": "Trade in solar energy equipment",
    "8.5.3": "Trade in biomass energy equipment",
    "8.5.4": "Trade in hydropower and pumped storage equipment",
    "8.5.5": "Trade in nuclear power equipment",
    "8.5.6": "Trade in geothermal energy equipment",
    "8.5.7": "Trade in ocean energy equipment",
    "8.5.8": "Trade in new energy storage products",
    "8.5.9": "Trade in hydrogen production, storage, transport and use equipment",
    "8.5.10": "Trade in smart grid products and equipment",
    "8.6.1": "Wholesale of green agricultural products",
    "8.6.2": "Retail of green agricultural products",
    "8.7.1": "Wholesale of certified green products",
    "8.7.2": "Retail of certified green products",
    "9.1.1": "New energy vehicle consumption",
    "9.1.2": "Green and low-carbon building consumption",
    "9.1.3": "Other green consumption",
}

#: What the 8.x trade and 9.x consumption second-level groups contain (from the
#: 备注 cross-references of their items) — descriptive only, not names.
L2_CONTENT_25 = {
    "8.1": "trade in the products of 1.1 (energy-saving equipment, appliances, green building "
           "materials)",
    "8.2": "trade in the products of 1.2 (new energy vehicles, green ships, rail, aviation, port "
           "equipment)",
    "8.3": "trade in the products of 2.1 (environmental protection equipment and materials)",
    "8.4": "trade in the products of 3.1 (resource recycling equipment)",
    "8.5": "trade in the products of 4.1 (new and clean energy equipment)",
    "8.6": "wholesale and retail of green agricultural products",
    "8.7": "wholesale and retail of certified green products",
    "9.1": "purchases of new energy vehicles, green buildings and other green products",
}

# ---------------------------------------------------------------------------
# Crosswalk 2024 → 2025 (by name/meaning; default: same code, exact)
# ---------------------------------------------------------------------------
X24_25_OVERRIDE = {
    "1.2.1": [("1.2.1", "partial", "2025 adds whole new energy vehicles (3612) to key components")],
    "1.3.2": [],
    "1.3.3": [("1.3.2", "exact", "")],
    "1.3.4": [("1.3.3", "exact", "")],
    "1.3.5": [("1.3.4", "exact", "")],
    "1.3.6": [("1.4.1", "partial", "2025 1.4.1 condition 3 covers 能量系统优化 in industry")],
    "1.3.7": [("1.3.5", "exact", "")],
    "1.3.8": [("1.3.6", "exact", "")],
    "1.5.3": [("1.4.2", "partial", "2025 1.4.2 covers process changes that cut process emissions "
                                   "(e.g. SF6 recovery, non-carbonate raw materials)")],
    "4.1.6": [("4.1.9", "partial", "2025 keeps only hydrogen / hydrogen-blend gas turbines (3413)")],
    "4.1.7": [("4.1.6", "exact", "")],
    "4.1.8": [("4.1.7", "exact", "")],
    "4.1.9": [],
    "4.1.10": [],
    "4.1.11": [("4.1.8", "exact", "")],
    "4.1.12": [("4.1.9", "exact", "")],
    "4.1.13": [("4.1.10", "exact", "")],
    "4.3.7": [],
    "4.3.8": [("4.3.7", "exact", "")],
    "4.3.9": [],
    "4.4.1": [], "4.4.2": [], "4.4.3": [], "4.4.4": [], "4.4.5": [],
    "4.4.6": [("3.2.1", "partial", "2025 3.2.1 keeps 页岩气 comprehensive development (0721)")],
    "4.4.7": [("3.2.1", "partial", "2025 3.2.1 keeps (煤田)煤层气 comprehensive development (0721)")],
    "4.4.8": [],
}
REMOVED_24 = {
    "1.3.2": "steam-turbine generator efficiency (coal power) not in 2025",
    "4.1.9": "unconventional oil and gas equipment not in 2025",
    "4.1.10": "offshore oil and gas equipment not in 2025",
    "4.3.7": "natural gas transmission/storage/peak-shaving not in 2025",
    "4.3.9": "energy-industry digitalisation not a 2025 item",
    "4.4.1": "coal: 2025 deleted coal-use items (删除煤炭利用相关内容)",
    "4.4.2": "coal: 2025 deleted coal-use items (删除煤炭利用相关内容)",
    "4.4.3": "coal power units: 2025 deleted coal-use items (删除煤炭利用相关内容)",
    "4.4.4": "clean fuel production not in 2025",
    "4.4.5": "oil and gas clean production not in 2025",
    "4.4.8": "oil/gas-field methane recovery not in 2025",
}

# ---------------------------------------------------------------------------
# Crosswalk 2019 → 2025 (by name/meaning). Values: list of (2025 code, relation, note)
# ---------------------------------------------------------------------------
E, P = "exact", "partial"
X19_25 = {
    "1.1.1": [("1.1.1", E)], "1.1.2": [("1.1.2", E)], "1.1.3": [("1.1.5", E)],
    "1.1.4": [("1.1.6", E)], "1.1.5": [], "1.1.6": [("1.1.8", E)], "1.1.7": [("1.1.4", E)],
    "1.1.8": [("1.1.7", E)], "1.1.9": [("1.1.9", E)], "1.1.10": [("1.1.17", E)],
    "1.1.11": [("1.1.14", E)], "1.1.12": [("1.1.13", E)], "1.1.13": [("1.1.15", E)],
    "1.1.14": [("1.1.18", E)], "1.1.15": [("1.1.19", E)],
    "1.2.1": [("2.1.2", E)], "1.2.2": [("2.1.1", E)], "1.2.3": [("2.1.3", E)],
    "1.2.4": [("2.1.4", E)], "1.2.5": [("2.1.5", E)], "1.2.6": [("2.1.6", E)],
    "1.2.7": [("2.1.7", E)], "1.2.8": [("2.1.10", E)],
    "1.3.1": [("3.1.1", E)], "1.3.2": [("3.1.3", E)], "1.3.3": [("3.1.6", P)],
    "1.3.4": [("3.1.6", P)], "1.3.5": [("3.1.5", P)], "1.3.6": [("3.1.5", P)],
    "1.3.7": [("3.1.2", P)], "1.3.8": [("3.1.4", E)], "1.3.9": [("3.1.6", P)],
    "1.4.1": [("1.2.1", P)], "1.4.2": [("4.1.10", P), ("4.1.9", P)], "1.4.3": [("1.2.2", E)],
    "1.5.1": [("1.3.1", E)], "1.5.2": [("1.3.2", E)], "1.5.3": [("1.3.4", E)],
    "1.5.4": [("1.4.1", P)], "1.5.5": [("1.3.5", E)], "1.5.6": [],
    "1.6.1": [("2.3.1", E)], "1.6.2": [("2.3.2", E)], "1.6.3": [("2.3.3", E)],
    "1.6.4": [("2.5.9", E)], "1.6.5": [("2.5.8", E)], "1.6.6": [("2.2.5", E)],
    "1.6.7": [("2.2.6", E)], "1.6.8": [("2.4.2", E)], "1.6.9": [("2.4.3", E)],
    "1.6.10": [("2.4.4", E)], "1.6.11": [("2.4.1", E)], "1.6.12": [("2.5.3", E)],
    "1.6.13": [("2.5.4", E)], "1.6.14": [("2.5.11", E)],
    "1.7.1": [("3.2.1", E)], "1.7.2": [("3.2.5", P)], "1.7.3": [("3.2.6", E)],
    "1.7.4": [("3.2.5", P)], "1.7.5": [("3.2.2", P)], "1.7.6": [("3.2.2", P)],
    "1.7.7": [("3.2.4", E)], "1.7.8": [("6.4.7", P)],
    "2.1.1": [("3.2.8", E)], "2.1.2": [("3.2.8", P)], "2.1.3": [("2.5.7", E)],
    "2.1.4": [("2.5.6", P)],
    "2.2.1": [("2.1.8", E)], "2.2.2": [("2.5.2", E)], "2.2.3": [], "2.2.4": [("2.1.9", E)],
    "2.3.1": [("2.2.1", E)], "2.3.2": [("2.2.2", P)], "2.3.3": [("2.2.3", E)],
    "2.3.4": [("2.2.2", P)],
    "2.4.1": [("3.2.2", P)], "2.4.2": [("2.3.4", E)], "2.4.3": [("2.3.5", E)],
    "2.4.4": [("2.5.10", P)],
    "2.5.1": [("2.5.1", P), ("3.2.3", P)], "2.5.2": [("2.5.1", P)], "2.5.3": [("3.2.5", P)],
    "2.5.4": [("3.2.5", P)],
    "3.1.1": [("4.1.1", E)], "3.1.2": [("4.1.2", E)], "3.1.3": [("4.1.3", E)],
    "3.1.4": [("4.1.4", E)], "3.1.5": [("4.1.5", E)], "3.1.6": [], "3.1.7": [],
    "3.1.8": [("4.1.10", E)], "3.1.9": [("4.1.9", P)], "3.1.10": [("4.1.9", P)],
    "3.1.11": [("4.1.6", E)], "3.1.12": [("4.1.7", E)],
    "3.2.1": [("4.2.1", E)], "3.2.2": [("4.2.2", E)], "3.2.3": [("4.2.3", E)],
    "3.2.4": [("4.2.4", E)], "3.2.5": [("4.2.5", P)], "3.2.6": [("3.2.1", P)],
    "3.2.7": [("4.2.6", E)], "3.2.8": [("4.2.7", E)], "3.2.9": [("4.2.8", E)],
    "3.2.10": [("4.2.9", E)],
    "3.3.1": [], "3.3.2": [], "3.3.3": [],
    "3.4.1": [("4.3.1", P)], "3.4.2": [("4.3.2", P)], "3.4.3": [("4.3.5", E)], "3.4.4": [],
    "3.4.5": [], "3.4.6": [("4.3.7", E)], "3.4.7": [("4.3.3", E)],
    "4.1.1": [("5.1.1", P), ("5.1.2", P)], "4.1.2": [("5.1.4", P), ("5.1.3", P)],
    "4.1.3": [("5.1.5", E)], "4.1.4": [("5.1.9", E)], "4.1.5": [("5.1.11", E)],
    "4.1.6": [("5.1.9", P)], "4.1.7": [("5.1.10", E)], "4.1.8": [("5.1.14", E)],
    "4.1.9": [("5.1.15", E)], "4.1.10": [("5.1.12", E)], "4.1.11": [("5.1.6", E)],
    "4.2.1": [("5.2.3", E)], "4.2.2": [("5.2.1", P)], "4.2.3": [("5.2.2", E)],
    "4.2.4": [("5.2.8", P)], "4.2.5": [("5.2.2", P)],
    "4.3.1": [("5.2.8", P), ("5.2.4", P)], "4.3.2": [("5.2.12", P)],
    "4.3.3": [("5.2.14", P), ("5.1.16", P)], "4.3.4": [("5.2.8", P)], "4.3.5": [("5.2.8", P)],
    "4.3.6": [("5.3.4", E)], "4.3.7": [("5.2.6", P), ("5.2.7", P)], "4.3.8": [("5.2.10", E)],
    "4.3.9": [("5.2.11", E)], "4.3.10": [("5.3.2", E)], "4.3.11": [("5.3.1", E)],
    "4.3.12": [("5.3.3", P)], "4.3.13": [("5.2.13", P)],
    "5.1.1": [("6.1.2", P)], "5.1.2": [("6.1.1", E)], "5.1.3": [("6.1.5", E)],
    "5.1.4": [("6.1.6", E)], "5.1.5": [("6.1.3", E)], "5.1.6": [("6.3.2", P)],
    "5.2.1": [("6.2.4", P)], "5.2.2": [("6.2.12", P), ("6.2.11", P)], "5.2.3": [("6.2.9", P)],
    "5.2.4": [("6.2.4", E)], "5.2.5": [("6.2.3", E)], "5.2.6": [("6.2.7", E)],
    "5.2.7": [("6.2.6", E)], "5.2.8": [("6.2.5", E)], "5.2.9": [("6.2.10", E)],
    "5.2.10": [("6.2.8", P)],
    "5.3.1": [("6.4.7", E)], "5.3.2": [("6.4.8", E)], "5.3.3": [("6.4.9", E)],
    "5.3.4": [("6.4.5", E)], "5.3.5": [("6.4.3", E)], "5.3.6": [("6.4.6", E)],
    "5.4.1": [("6.5.3", E)], "5.4.2": [("6.5.1", E)], "5.4.3": [("6.5.2", E)],
    "5.5.1": [("6.4.2", P)], "5.5.2": [("6.4.2", P)], "5.5.3": [("6.4.2", P)],
    "5.5.4": [("6.4.2", P)], "5.5.5": [("6.4.2", P)],
    "5.6.1": [("6.4.1", P)], "5.6.2": [("6.4.1", P)], "5.6.3": [("6.4.1", P)],
    "5.6.4": [("6.4.1", P)], "5.6.5": [("6.4.1", P)], "5.6.6": [("6.4.1", P)],
    "6.1.1": [("7.1.1", E)], "6.1.2": [("7.1.2", P)], "6.1.3": [("7.1.2", P)],
    "6.1.4": [("7.4.5", E)],
    "6.2.1": [("7.2.1", E)], "6.2.2": [("7.2.2", E)], "6.2.3": [("7.6.2", E)],
    "6.2.4": [("7.6.3", E)], "6.2.5": [("7.6.4", P)], "6.2.6": [("7.6.1", E)],
    "6.2.7": [("7.2.4", E)], "6.2.8": [("7.6.6", P)],
    "6.3.1": [("7.4.1", E)], "6.3.2": [("7.4.6", E)], "6.3.3": [("7.4.3", P)],
    "6.3.4": [("7.4.10", E)], "6.3.5": [("7.4.11", E)],
    "6.4.1": [("7.3.1", E)], "6.4.2": [("7.3.4", E)], "6.4.3": [("7.3.3", E)],
    "6.4.4": [("7.4.6", P)], "6.4.5": [("7.3.5", E)], "6.4.6": [("7.3.6", P)],
    "6.5.1": [("7.5.2", P)], "6.5.2": [("7.5.2", P)], "6.5.3": [("7.5.2", P)],
    "6.5.4": [("7.5.2", P)], "6.5.5": [("7.5.2", P)], "6.5.6": [("7.5.2", P)],
    "6.5.7": [("7.5.2", P)], "6.5.8": [("7.5.2", P)],
}
REMOVED_19 = {
    "1.1.5": "hydraulic/pneumatic components: no item in 2024/2025",
    "1.5.6": "steam-turbine generator efficiency (coal power): kept in 2021 (1.1.2.5) and 2024 (1.3.2), not in 2025",
    "2.2.3": "hazardous waste transport: no separate item in 2024/2025",
    "3.1.6": "unconventional oil and gas equipment: dropped by 2021 and 2025",
    "3.1.7": "offshore oil and gas equipment: dropped by 2021 and 2025",
    "3.3.1": "fossil fuel: dropped by 2021 and 2025",
    "3.3.2": "coal clean use: dropped by 2021 and 2025",
    "3.3.3": "coal clean production: dropped by 2021 and 2025",
    "3.4.4": "coal-fired unit flexibility: not in 2021 or 2025 (2024 4.4.3 covers coal power units)",
    "3.4.5": "natural gas transmission/storage/peak-shaving: kept in 2021 (3.2.3.3) and 2024 (4.3.7), not in 2025",
}
#: 2019 → 2024 where 2024 still has an item that 2025 dropped (overrides the
#: mapping derived through 2025).
X19_24_OVERRIDE = {
    "1.4.1": [("1.2.1", P, "2019 新能源汽车关键零部件制造和产业化 vs 2024 key components of new energy vehicles")],
    "1.5.4": [("1.3.6", E, "")],
    "1.5.6": [("1.3.2", E, "")],
    "3.1.6": [("4.1.9", E, "")],
    "3.1.7": [("4.1.10", E, "")],
    "3.1.9": [("4.1.6", E, "")],
    "3.2.6": [("4.4.7", E, "")],
    "3.3.1": [("4.4.4", P, "2019 清洁燃油生产 vs 2024 'Clean Fuel Production'")],
    "3.3.2": [("4.4.2", P, "")],
    "3.3.3": [("4.4.1", E, "")],
    "3.4.4": [("4.4.3", P, "2024 item covers coal-power energy-saving, heating and flexibility "
                           "transformation")],
    "3.4.5": [("4.3.7", E, "")],
}
#: 2021 level-4 names that differ from the 2019 level-3 names
X21_SPECIAL = {
    "1.3.3.2": ("1.6.6", "城市扬尘综合治理"),
    "3.2.2.9": ("3.2.10", "热泵设施建设和运营"),
    "5.6.1.3": ("5.6.3", "附属绿地建设、养护和运营"),
    "6.3.1.4": ("6.3.4", "地质危害危险性评估"),
}

# ---------------------------------------------------------------------------
# Keyword curation (greenkit, verified=false). (keywords, context, exclude)
# ---------------------------------------------------------------------------
MFG = "制造|生产|产线|生产线|扩产|产能|研发|年产"
TRADE = "贸易|批发|经销|代理|进出口|出口|进口|零售|外贸"
BUY = "购买|购置|购车|消费|按揭|车贷|以旧换新"
NOT_MFG = "制造|生产线|产线|扩产|组件生产|电池片|零部件"
#: service work on a green project is a 7.1 service, not the facility itself
SVC = "设计服务|工程设计|勘察|咨询服务|监理"
#: text about making equipment, not running a facility
EQUIP_MFG = "设备制造|装备制造|装置制造|设备生产|装备生产|设备研发|机组制造"
_PT = ("电动", "燃料电池", "氢燃料", "氢能", "新能源", "插电式混合动力", "插电混动", "增程式")
#: new energy vehicles by power train × body: freight vehicles (6.3.4) and cars/taxis (9.1.1)
NEV_FREIGHT = "|".join(p + v for p in _PT for v in ("物流车", "配送车", "货车", "卡车", "重卡", "牵引车",
                                                    "自卸车", "渣土车", "冷藏车", "搅拌车", "泥头车"))
NEV_CARS = "|".join(p + v for p in _PT for v in ("汽车", "乘用车", "轿车", "车辆", "小客车", "出租车",
                                                 "网约车", "环卫车"))

K25 = {
    "1.1.1": [("节能锅炉|高效锅炉|节能型锅炉|节能工业锅炉|高效节能锅炉|高效节能工业锅炉|冷凝锅炉|循环流化床锅炉",
               MFG, "改造|替代|" + TRADE)],
    "1.1.5": [("节能泵|高效泵|节能型泵", MFG, TRADE)],
    "1.1.7": [("高效电机|节能电机|永磁电机|永磁同步电机|高效电动机", MFG, "改造|" + TRADE)],
    "1.1.9": [("节能变压器|非晶合金变压器|高效变压器|节能型变压器", MFG, "改造|" + TRADE)],
    "1.1.14": [("节能家电|高效家电|一级能效空调|一级能效冰箱|节能空调|节能冰箱", MFG, TRADE + "|购买")],
    "1.1.15": [("LED照明|LED灯具|半导体照明|LED芯片|LED外延片", MFG, "改造|" + TRADE)],
    "1.1.17": [("余热回收设备|余热锅炉|余热利用设备|余热发电机组|高效换热器", MFG, TRADE)],
    "1.1.18": [("绿色建材|新型墙体材料|节能玻璃|低辐射玻璃|Low-E玻璃|保温材料|隔热材料|加气混凝土|"
                "预拌混凝土|预拌砂浆|建筑陶瓷", MFG, TRADE)],
    # a lithium battery line without a stated use is read as an NEV battery line; storage
    # batteries are 4.1.8, consumer cells are excluded
    "1.2.1": [("新能源汽车|动力电池|驱动电机|电动汽车|新能源整车|燃料电池汽车|纯电动汽车|正极材料|负极材料|"
               "锂电池|锂离子电池|动力电芯|电池包|电机控制器|锂电隔膜|电解液",
               MFG + "|零部件", TRADE + "|购买|购置|购车|充电桩|充电站|储能|回收|梯次|消费电子|消费类|"
               "手机|数码|电动工具|电动自行车|两轮|产业园|基础设施")],
    "1.2.2": [("绿色船舶|LNG动力船|电动船舶|甲醇动力船|氨动力|纯电动船", "制造|建造|生产", "改造|" + TRADE)],
    "1.2.3": [("轨道交通装备|动车组|地铁车辆|城轨车辆|轻轨车辆|机车车辆", MFG, TRADE)],
    "1.2.5": [("岸边集装箱起重机|港口起重机|港口装卸设备|集装箱自动导引车", MFG, TRADE)],
    "1.3.1": [("锅炉节能改造|窑炉节能改造|锅炉改造|燃煤锅炉替代|锅炉替代|锅炉能效提升|窑炉改造|窑节能改造|"
               "炉节能改造|锅炉清洁能源替代|清洁能源替代改造|燃煤锅炉淘汰|淘汰燃煤锅炉|锅炉煤改气|锅炉煤改电",
               "", "脱硫|脱硝|除尘|超低排放|" + EQUIP_MFG)],
    "1.3.2": [("电机系统节能|电机能效提升|变频改造|电机改造|电机系统改造|电机节能改造|风机水泵改造", "", "")],
    "1.3.3": [("电网节能改造|配电网节能|降损改造|线损治理|输配电节能", "", "")],
    "1.3.4": [("余热|余压|余气|余能", "利用|回收|发电|供热|供暖|梯级",
               "制造|设备生产|集中供热|供热管网|城镇供热")],
    "1.3.5": [("照明改造|LED改造|绿色照明|路灯节能|照明节能|路灯改造|LED节能改造|路灯LED|灯具节能改造", "",
               "制造|生产")],
    "1.3.6": [("船舶电气化|船舶节能改造|船舶低碳改造|船舶动力改造|内河船舶电动化", "", "")],
    "1.4.1": [("节能降碳改造|节能技术改造|能效提升改造|节能改造|能量系统优化|能效提升",
               "钢铁|有色|石化|化工|建材|水泥|玻璃|陶瓷|造纸|纺织|工业|工厂|生产线|企业",
               "建筑|锅炉|窑|电机|照明|数据中心|机房|基站|船舶|电网|供热管网|合同能源管理")],
    "1.4.2": [("氢冶金|氢基竖炉|富氢|电炉炼钢|短流程炼钢|工艺流程再造|原料替代|非碳酸盐",
               "钢铁|有色|建材|水泥|化工|炼钢|炼铁|玻璃|改造|工艺", "")],
    "1.4.3": [("智能化改造|数字化改造|智能工厂|数字化车间|智能制造改造",
               "钢铁|有色|石化|化工|建材|水泥|工业|生产", "")],
    "1.5.1": [("碳捕集|CCUS|CCS|二氧化碳捕集|二氧化碳封存|二氧化碳驱油|二氧化碳利用", "", "")],
    "1.5.2": [("消耗臭氧层物质替代|ODS替代|制冷剂替代|发泡剂替代|臭氧层", "", "")],
    "2.1.1": [("除尘设备|脱硫设备|脱硝设备|VOCs治理设备|废气处理设备|除尘器|油烟净化设备", MFG, TRADE)],
    "2.1.2": [("污水处理设备|水处理设备|曝气设备|污泥处理设备", MFG, TRADE)],
    "2.2.1": [("脱硫|脱硝|除尘|低氮燃烧", "改造|设施|工程|治理|建设", "设备制造|设备生产|" + TRADE)],
    "2.2.2": [("超低排放", "", "")],
    "2.2.3": [("VOCs|挥发性有机物", "治理|整治|改造|回收|减排|设施", "设备制造|设备生产|" + TRADE)],
    "2.2.5": [("扬尘", "治理|整治|抑尘|防尘", "")],
    "2.2.6": [("餐饮油烟", "治理|净化", "设备制造")],
    "2.3.1": [("饮用水水源|水源地|地下水污染|备用水源", "保护|治理|防治|建设|达标", "")],
    # scope: key basins, near-shore seas and key lakes; an urban creek (溪) or inner-city river
    # is 6.4.2 (河道系统整治、生态修复 of urban water bodies)
    "2.3.2": [("流域治理|流域综合治理|水环境综合治理|水环境治理|河道治理|清淤疏浚|河湖治理|海域治理|"
               "水环境综合整治|河湖内源治理|流域水环境", "",
               "黑臭|溪|城市内河|城区河道|城市河道|内河|城市水体")],
    "2.3.3": [("黑臭水体", "", "")],
    "2.3.4": [("工业废水|废水治理|废水处理|污水治理|废水深度处理|废水处理改造",
               "造纸|焦化|氮肥|印染|制革|电镀|农药|原料药|有色|企业|工厂|化工",
               "园区|城镇|农村|市政")],
    "2.3.5": [("园区污水|工业园区污水|园区废水|园区水污染|工业污水集中处理", "", "")],
    "2.4.1": [("农用地", "治理|修复|安全利用|风险管控", "")],
    "2.4.2": [("土壤修复|污染地块|污染场地|场地修复|土壤污染治理", "", "农用地")],
    "2.4.3": [("面源污染|测土配方|农膜回收|生态沟渠|化肥减量", "", "加工|再生|造粒")],
    "2.5.1": [("工业固体废物|工业固废|尾矿库", "处置|无害化|处理|整治|填埋|治理|闭库|修复",
               "综合利用|资源化")],
    "2.5.2": [("危险废物|危废|医疗废物", "处置|处理|焚烧|利用|治理|收集|贮存", "")],
    "2.5.3": [("噪声治理|降噪|声屏障|隔声屏障|噪声污染", "", "设备制造")],
    "2.5.5": [("新污染物", "", "")],
    "2.5.6": [("清洁生产", "改造|技术改造", "审核服务")],
    "2.5.7": [("园区集中治理|集中喷涂|集中涂装|活性炭集中|溶剂回收中心|集中治污", "", "")],
    "2.5.8": [("老旧车船|老旧车辆|老旧柴油货车|非道路移动机械|高排放车辆", "淘汰|更新|替换|治理|置换", "")],
    "2.5.9": [("船舶污染|港口污染|油气回收|船舶污染物接收|洗舱站", "", "")],
    "2.5.10": [("畜禽粪污|养殖废弃物|粪污处理|病死畜禽|养殖尾水|粪污资源化", "", "")],
    "2.5.11": [("农村人居环境|农村污水|农村生活污水|农村厕所|厕所革命|农村生活垃圾|村容村貌", "", "")],
    "3.1.5": [("拆解设备|分拣设备|再制造设备|破碎分选设备", MFG, TRADE)],
    "3.2.1": [("共伴生矿|伴生矿|低品位矿|尾矿回收|煤层气|页岩气", "综合利用|开发利用|回收|开发", "")],
    "3.2.2": [("节水改造|中水回用|再生水|海水淡化|苦咸水|雨水收集|节水灌溉|高效节水|喷灌|滴灌|"
               "废水回用|污水资源化|矿井水", "", "设备制造|" + TRADE)],
    "3.2.3": [("粉煤灰|煤矸石|冶炼渣|钢渣|赤泥|磷石膏|工业副产石膏|电石渣|尾矿|工业固废|工业固体废物|"
               "一般工业固废", "综合利用|资源化|利用|建材|制砖|回收", "尾矿库|" + EQUIP_MFG)],
    "3.2.4": [("秸秆|林业三剩物|农林废弃物|稻壳|生物质成型燃料|果壳",
               "利用|资源化|综合利用|还田|加工|收储|燃料|饲料", "")],
    "3.2.5": [("再生资源|废旧物资|废钢|废有色金属|废塑料|废纸|废旧轮胎|废旧纺织|报废汽车|报废机动车|"
               "废旧动力电池|动力电池回收|废弃电器电子|废旧电器|电子废弃物|废旧家电|再制造|废旧光伏组件|废旧农膜|"
               "废弃农膜|"
               "废旧金属|梯次利用",
               "回收|利用|拆解|加工|再生|循环|处理|再制造|分拣",
               "设备制造|铁矿石|炼钢|炼铁|钢厂|冶炼|电炉|" + TRADE)],
    "3.2.6": [("垃圾焚烧|垃圾发电|生活垃圾焚烧|餐厨垃圾|厨余垃圾|建筑垃圾资源化|可回收物|垃圾资源化",
               "", "设备制造")],
    "3.2.7": [("焦炉煤气|高炉煤气|转炉煤气|副产氢|尾气回收|废气回收|煤气回收", "利用|回收|发电|制氢|提纯", "")],
    "3.2.8": [("园区循环化改造|循环化改造", "", "")],
    "3.2.9": [("废旧木材|木材综合利用|人造板节能", "", "")],
    "4.1.1": [("风电整机|风电机组|风机叶片|风电叶片|风电塔筒|风电设备|风力发电机|风电主轴|风电轴承",
               MFG, TRADE)],
    "4.1.2": [("光伏组件|光伏电池|太阳能电池|电池片|光伏硅片|光伏逆变器|光热发电设备|光伏支架|跟踪支架|光伏玻璃|"
               "光伏背板|光伏胶膜|多晶硅|单晶硅|光伏设备", MFG, TRADE)],
    "4.1.3": [("生物质锅炉|生物质气化设备|沼气设备|生物质成型设备", MFG, TRADE)],
    "4.1.5": [("核电设备|核电装备|核级|核燃料元件", MFG, TRADE)],
    "4.1.8": [("储能电池|储能系统|储能变流器|电池管理系统|液流电池|钠离子电池|超级电容|储能设备|储能锂电池|"
               "储能锂离子电池|储能电芯|储能用锂电池|储能集装箱",
               MFG, TRADE + "|储能电站")],
    "4.1.9": [("电解槽|制氢设备|燃料电池|储氢瓶|储氢罐|氢气压缩机|加氢设备|氢燃料发动机", MFG,
               TRADE + "|购买|购置")],
    "4.1.10": [("智能电网设备|充电桩|充换电设备|充电设备|特高压设备|智能变压器|智能开关柜|配电自动化设备",
                MFG, TRADE)],
    "4.2.1": [("风电场|风力发电|风电项目|海上风电|陆上风电|风电站", "",
               NOT_MFG + "|叶片|整机|塔筒|分散式|分布式|" + SVC)],
    "4.2.2": [("光伏电站|光伏发电|光伏项目|集中式光伏|渔光互补|农光互补|林光互补|光热发电|"
               "太阳能发电|光伏扶贫|牧光互补|光伏治沙", "",
               NOT_MFG + "|屋顶|分布式|户用|建筑|" + SVC)],
    "4.2.3": [("生物质发电|生物质热电|生物天然气|沼气工程|生物质供热|生物质锅炉供热|生物质热电联产",
               "", "制造|垃圾")],
    "4.2.4": [("水电站|水力发电|水电项目|水电基地", "", "小水电|小型水电|抽水蓄能|制造")],
    "4.2.5": [("核电站|核电项目|核能供热|核电机组", "", "制造|设备")],
    "4.2.6": [("地热", "发电|供暖|供热|利用|开发|采暖", "制造|热泵")],
    "4.2.7": [("潮汐能|波浪能|海洋能|潮流能|温差能", "", "制造")],
    "4.2.8": [("加氢站|制氢|绿氢|电解水|绿氨|绿色甲醇|氢能|加氢一体化", "",
               EQUIP_MFG + "|电解槽|储氢瓶|储氢罐|燃料电池|" + TRADE)],
    "4.2.9": [("热泵", "供热|供暖|供冷|制冷|项目|站|系统", "制造|生产|" + TRADE)],
    "4.3.1": [("源网荷储|风光储一体化|多能互补|风光水储|风光火储|风光水火储|海上能源岛|三联供", "", "")],
    "4.3.2": [("储能电站|新型储能|电化学储能|储能项目|储能设施|压缩空气储能|飞轮储能|用户侧储能|共享储能",
               "", "抽水蓄能|制造|电池生产|" + TRADE)],
    "4.3.3": [("抽水蓄能", "", "机组制造|设备制造")],
    "4.3.4": [("小水电|小型水电站", "改造|增效|更新|生态流量", "")],
    "4.3.5": [("智能电网|配电自动化|电网智能化|智慧电网", "", "设备制造|产品制造")],
    "4.3.6": [("负荷管理|虚拟电厂|需求响应系统", "", "")],
    # 4.3.7: 分布式可再生能源发电、地热能供暖制冷 of energy users and producers; gas
    # 三联供 is 4.3.1 (终端一体化供能设施)
    "4.3.7": [("分布式光伏|分散式风电|分布式能源|分布式发电|分布式风电|户用光伏|屋顶光伏|工商业光伏", "",
               "三联供|天然气|燃气|" + NOT_MFG + "|" + SVC)],
    "5.1.1": [("育种|育苗|良种繁育|种苗基地|制种", "", "")],
    "5.1.2": [("种质资源", "", "")],
    "5.1.3": [("绿色食品原料基地|绿色农业|稻田甲烷|标准化生产基地|地理标志农产品|农业绿色发展先行区",
               "", "批发|零售|销售")],
    "5.1.4": [("有机农产品|有机农业|绿色食品认证|有机认证|有机种植|有机茶|有机蔬菜|有机水稻|有机产品认证", "",
               "批发|零售|销售")],
    "5.1.5": [("高标准农田|黑土地保护|耕地质量提升|土地复垦|盐碱地治理|农田水利", "", "")],
    "5.1.6": [("病虫害绿色防控|统防统治|生物防治|绿色防控", "", "")],
    "5.1.7": [("休闲农业|乡村旅游|农家乐|田园综合体", "", "")],
    "5.1.9": [("造林|植树造林|森林抚育|国家储备林|森林经营|林木良种|营林", "", "")],
    "5.1.11": [("林下经济|林下种植|林下养殖", "", "")],
    "5.1.12": [("森林康养|森林公园|森林旅游|森林游憩", "", "")],
    "5.1.13": [("竹产业|竹林|竹制品|以竹代塑|竹材", "", "")],
    "5.1.14": [("标准化养殖|养殖场标准化|畜禽标准化|标准化屠宰|肠道甲烷", "", "")],
    "5.1.15": [("循环水养殖|稻田养鱼|鱼菜共生|深远海养殖|生态渔业|绿色渔业|稻渔综合种养|稻虾共作|"
                "工厂化循环水", "", "")],
    "5.1.16": [("海洋牧场|人工鱼礁", "", "")],
    "5.2.1": [("生物多样性|野生动植物保护|珍稀濒危|古树名木", "", "")],
    "5.2.2": [("自然保护区|国家公园|自然公园|自然保护地", "", "")],
    "5.2.3": [("天然林", "保护|修复|管护", "")],
    "5.2.4": [("草原保护|草原修复|退化草原|草畜平衡|禁牧", "", "")],
    "5.2.5": [("森林防火|草原防火|防灭火", "", "")],
    "5.2.6": [("荒漠化|石漠化|治沙|防沙", "", "")],
    "5.2.7": [("水土流失|水土保持|淤地坝|坡耕地治理", "", "评估|方案编制")],
    "5.2.8": [("生态屏障|重点区域生态|退耕还林|退牧还草", "", "")],
    "5.2.9": [("山水林田湖草|一体化保护修复|生态保护修复工程", "", "")],
    "5.2.10": [("外来物种|外来入侵|有害生物防治|林业有害生物|松材线虫", "", "")],
    "5.2.11": [("防洪工程|堤防工程|蓄滞洪区|水系连通|防汛抗旱", "", "")],
    "5.2.12": [("湿地保护|湿地修复|湿地公园|湿地恢复", "", "")],
    "5.2.13": [("海岸带|海岛修复|红树林|海洋生态修复|海滩养护|珊瑚礁", "", "")],
    "5.2.14": [("增殖放流", "", "")],
    "5.3.1": [("采煤沉陷区", "", "")],
    "5.3.2": [("地下水超采", "", "")],
    "5.3.3": [("土地综合整治|空心村整治|低效用地|工矿废弃地复垦|土地整治", "", "")],
    "5.3.4": [("矿山生态修复|矿山地质环境|矿山复垦|矿山修复|废弃矿山", "", "")],
    "6.1.1": [("绿色建筑|星级绿色建筑|绿色住宅|二星级|三星级|一星级", "",
               "超低能耗|近零能耗|零能耗|改造|购买|购置|按揭|购房")],
    "6.1.2": [("超低能耗|近零能耗|零能耗建筑|被动式建筑|被动房|零碳建筑|低碳建筑", "",
               "购买|购置|按揭|购房")],
    "6.1.3": [("既有建筑节能改造|建筑节能改造|既有建筑改造|公共建筑节能改造|建筑绿色化改造|"
               "老旧小区节能改造|外墙保温改造|建筑节能", "改造", "")],
    "6.1.4": [("农房|农村住宅", "节能|绿色", "")],
    "6.1.5": [("建筑光伏|光伏建筑一体化|BIPV|太阳能热水|墙面光伏|建筑可再生能源", "", "制造|生产")],
    "6.1.6": [("装配式建筑|装配式住宅|预制装配式", "", "构件生产|构件制造")],
    "6.1.7": [("智能建造|建筑机器人", "", "")],
    "6.2.1": [("绿色公路|公路绿色化", "", "")],
    "6.2.2": [("绿色客运站|绿色货运站|场站绿色化|枢纽绿色化|绿色枢纽", "", "")],
    "6.2.3": [("充电桩|充电站|换电站|充换电|充电设施|LNG加注|加气站|换电设施|充电终端|充电基础设施|快充站|"
               "超充站|充电网络", "",
               MFG + "|" + TRADE)],
    "6.2.4": [("智能交通|ETC|交通信号控制|智慧公路|智慧港口|智慧航道|智能公交系统", "", "")],
    "6.2.5": [("共享单车|公共自行车|分时租赁|立体停车|共享交通", "", "")],
    "6.2.6": [("公交|公共交通|城市轨道交通|轨道交通|地铁|轻轨|有轨电车|城乡客运|农村客运|BRT", "",
               "车辆制造|生产|装备制造|充电|换电|" + TRADE)],
    "6.2.7": [("慢行系统|自行车道|步行道|慢行交通", "", "")],
    "6.2.8": [("铁路|电气化铁路|高铁|城际铁路|铁路客站", "建设|改造|运营|电气化", "专用线|机车|车辆制造")],
    "6.2.9": [("多式联运|公转铁|公转水|铁路专用线|集疏运|海铁联运|公铁联运|铁水联运", "", "")],
    "6.2.10": [("甩挂运输", "", "")],
    "6.2.11": [("绿色机场|绿色航站楼|廊桥|机场电动化|机场新能源", "", "")],
    "6.2.12": [("岸电|船舶受电|绿色港口|绿色航道|航道整治", "", "制造")],
    "6.3.1": [("物流枢纽|物流园区|冷链物流基地|快递处理中心", "绿色|零碳|国家|示范|低碳", "")],
    "6.3.2": [("冷库|绿色仓储|仓储设施", "建设|改造|新建", "粮")],
    "6.3.3": [("粮食仓储|粮库|高标准粮仓|散粮", "", "")],
    "6.3.4": [(NEV_FREIGHT + "|新能源叉车|电动叉车|循环包装|循环快递箱", "",
               MFG + "|淘汰老旧|老旧车辆|换电|充电|加氢站|加气站|" + TRADE)],
    "6.4.1": [("园林绿化|公园绿地|城市绿化|绿地建设|道路绿化|立体绿化|城市公园|绿道|口袋公园|社区公园", "",
               "海绵")],
    # 6.4.2 also lists 城市水体 restoration: 河湖水系自然连通恢复, 河道系统整治、生态修复, 渠化河道改造
    "6.4.2": [("海绵|透水铺装|雨水花园|雨污分流|易涝点|下凹式绿地|城市水体|河道生态修复|渠化河道|城市内河|"
               "城区河道|城市河道|内河整治|河湖水系连通", "", "黑臭"),
              ("溪流域|溪水环境|溪综合治理|溪综合整治|溪整治|溪生态修复",
               "生态修复|整治|综合治理|水环境|连通", "黑臭|乡|镇|村")],
    "6.4.3": [("供水管网|漏损控制|分区计量", "", "")],
    "6.4.4": [("智慧水利|数字孪生流域|水利信息化|数字孪生水利", "", "")],
    "6.4.5": [("污水管网|污水收集管网|污水管道|截污纳管|污水收集系统", "", "雨污分流|农村"),
              ("管网改造|管网修复|管网排查", "污水|排水", "雨污分流|农村|供水")],
    "6.4.6": [("排污口", "", "")],
    "6.4.7": [("污水处理厂|污水处理|污泥处理|污泥处置|再生水厂|水质净化厂", "",
               "园区|工业废水|农村|设备制造|" + TRADE),
              ("提标改造", "污水|水质净化|再生水", "园区|工业废水|农村|设备制造")],
    "6.4.8": [("生活垃圾", "收运|转运|中转|处理|填埋|分类|收集", "焚烧发电|发电|资源化|农村"),
              ("垃圾中转站|垃圾转运站|垃圾收运|垃圾分类", "", "焚烧发电|资源化|农村|" + MFG)],
    "6.4.9": [("环境监测|生态环境监测|空气质量监测|水质自动监测", "系统|站|平台|建设|网络", "仪器制造")],
    "6.5.1": [("配电网改造|配网改造|电能替代|城镇电网", "", "")],
    "6.5.2": [("综合能源|集成供能|智能微网|微电网|综合能源站", "", "")],
    "6.5.3": [("集中供热|供热管网|长输供热", "改造|清洁|低碳|热泵|余热|长输|建设", "")],
    "6.5.4": [("农村清洁取暖|清洁取暖|煤改电|煤改气", "", "")],
    "6.6.1": [("基站节能|通信机房节能|通信网络节能|机房节能", "", "")],
    # a plain data-centre build is not the green item: the text must claim green/efficient
    "6.6.2": [("数据中心|智算中心|算力中心|IDC", "绿色|低碳|零碳|PUE|液冷|自然冷却|能效|节能",
               "改造|服务器")],
    "6.6.3": [("数据中心|机房", "节能改造|改造|PUE", "")],
    "7.1.2": [("绿色项目咨询|节能咨询|环保咨询|可行性研究|工程设计|设计服务|方案设计",
               "绿色|节能|环保|新能源|低碳|光伏|风电|储能|污水|垃圾", "")],
    "7.2.1": [("能源管理中心|能源管理体系", "", "")],
    "7.2.2": [("合同能源管理|节能效益分享|能源托管|EMC", "", "")],
    "7.2.3": [("合同节水", "", "")],
    "7.2.4": [("需求侧管理|需求响应|有序用电", "", "")],
    "7.2.5": [("资源循环利用第三方|第三方资源化", "", "")],
    "7.2.6": [("第三方治理|环境托管|环境污染第三方", "", "")],
    "7.2.7": [("碳管理平台|数字化碳管理|能碳管理平台", "", "")],
    "7.3.1": [("能耗在线监测|能耗监测系统|能源在线监测", "", "")],
    "7.3.2": [("温室气体监测|碳排放监测", "", "")],
    "7.4.1": [("能源审计|节能评估|节能审查", "", "")],
    "7.4.3": [("碳核查|碳排放核算|碳盘查|碳足迹核算|碳排放核查", "", "")],
    "7.4.5": [("清洁生产审核", "", "")],
    "7.4.6": [("环境影响评价|环评", "", "")],
    "7.5.2": [("绿色产品认证|节能产品认证|环境标志产品", "认证|推广", "")],
    "7.6.1": [("碳交易|碳资产|碳排放权", "", "质押|核查|核算|盘查")],
    "7.6.2": [("用能权", "", "")],
    "7.6.3": [("用水权|水权交易", "", "")],
    "7.6.4": [("排污权", "", "")],
    "7.6.5": [("林权", "交易|流转|质押", "")],
    "7.6.6": [("绿证|绿电交易|绿色电力交易|绿色电力证书", "", "")],
    "8.1.1": [("节能设备|节能锅炉|节能电机|节能变压器|绿色建材|节能农机|高效电机", TRADE, "")],
    "8.1.3": [("节能家电|节能灶具|一级能效", TRADE, "购买|以旧换新")],
    "8.2.1": [("新能源汽车|动力电池|电动汽车|新能源整车|纯电动车型|新能源车型", TRADE,
               "购买|购置|个人|购车")],
    "8.2.2": [("绿色船舶|电动船舶|LNG动力船", TRADE, "")],
    "8.2.3": [("轨道交通装备|动车组|地铁车辆", TRADE, "")],
    "8.3.1": [("环保设备|污染防治设备|除尘设备|污水处理设备|脱硫设备", TRADE, "")],
    "8.5.1": [("风电设备|风电机组|风机叶片|风电整机", TRADE, "")],
    "8.5.2": [("光伏组件|光伏电池|太阳能电池|光伏设备", TRADE, "")],
    "8.5.8": [("储能电池|储能系统|储能产品|储能设备", TRADE, "")],
    "8.5.9": [("氢能装备|燃料电池|电解槽|储氢", TRADE, "")],
    "8.5.10": [("智能电网设备|充电桩|充换电设备", TRADE, "")],
    "8.6.1": [("绿色农产品|有机农产品|绿色食品|地理标志农产品", "批发|收购|贸易", "零售")],
    "8.6.2": [("绿色农产品|有机农产品|绿色食品|地理标志农产品", "零售|超市|门店", "")],
    "8.7.1": [("绿色认证产品|节能认证产品|绿色产品", "批发|贸易", "")],
    # 9.1.1: 企事业单位、政府机构、自然人以消费使用为目的的新能源汽车购置 (纯电动、燃料电池);
    # buses are 6.2.6 (public transport), freight vehicles of operators 6.3.4
    "9.1.1": [(NEV_CARS + "|新能源车|纯电动", BUY,
               "制造|生产|经销|批发|出口|公交|淘汰老旧|老旧车辆|" + NEV_FREIGHT),
              ("汽车消费贷款|汽车贷款|购车贷款|车辆购置贷款|车贷|汽车消费",
               "纯电动|新能源|燃料电池|氢燃料|插电|增程",
               "燃油|柴油|汽油|公交|淘汰老旧|" + NEV_FREIGHT)],
    "9.1.2": [("绿色建筑|超低能耗|近零能耗|星级绿色|绿色住宅|绿色低碳建筑", "购房|购买|按揭|住房贷款|购置", "")],
    "9.1.3": [("节能家电|一级能效|绿色产品|节能产品|绿色家电", "购买|消费|购置|以旧换新", "批发|经销")],
}

#: 2024-only items (no 2025 counterpart) — greenkit keywords
K24_EXTRA = {
    "1.3.2": [("汽轮机|汽轮发电机组", "改造|能效|通流|提效", "制造")],
    "1.3.6": [("能量系统优化|系统节能优化", "", "")],
    "1.5.3": [("工业过程温室气体|六氟化硫回收|含氟气体减排|过程排放", "", "")],
    "4.1.6": [("燃气轮机", MFG, TRADE)],
    "4.1.9": [("非常规油气装备|页岩气装备|压裂设备|煤层气装备", MFG, TRADE)],
    "4.1.10": [("海洋油气装备|钻井平台|海洋油气开采装备|水下生产系统", MFG, TRADE)],
    "4.3.7": [("天然气管道|储气库|LNG接收站|调峰储气|天然气储运|输气管道", "", "")],
    "4.3.9": [("智慧电厂|智能化矿山|能源数字化|油气田数字化", "", "")],
    "4.4.1": [("煤炭清洁生产|智能化煤矿|煤炭洗选|选煤厂|绿色矿山", "", "")],
    "4.4.2": [("煤炭清洁高效利用|煤炭清洁利用|煤气化|清洁煤|型煤", "", "")],
    "4.4.3": [("煤电机组|燃煤机组|煤电", "改造|灵活性|供热改造|节能降碳|三改联动|支撑性电源", "")],
    "4.4.4": [("清洁燃油|清洁燃料生产|国六汽油|国六柴油", "", "")],
    "4.4.5": [("油气清洁生产|油田清洁生产|伴生气回收", "", "")],
    "4.4.6": [("页岩气|致密气|非常规油气", "开发|开采|勘探", "装备|设备")],
    "4.4.7": [("煤层气|煤矿瓦斯|瓦斯抽采|瓦斯发电", "", "装备|设备")],
    "4.4.8": [("甲烷回收|油田伴生气|放空气回收|火炬气回收", "", "")],
}

#: 2025 taxonomy-wide exclusion (see manifest notes)
X25 = [("煤电机组|燃煤机组|燃煤发电|燃煤电厂|煤电项目|煤电厂",
        "替代|关停|淘汰|退出|拆除|煤改|退役",
        "Coal-fired power generation and its units: the 2025 catalogue has no coal-power item "
        "(the 2024 catalogue's 4.4.3 煤电机组 transformation and the coal items of 4.4 were "
        "deleted; press: 删除煤炭利用相关内容)")]

# ---------------------------------------------------------------------------
# Criteria (2025): only thresholds the 说明/条件 text gives
# (item, variable, operator, threshold, unit, standard, applies_if, any_group, text_zh, note)
# ---------------------------------------------------------------------------
C25 = [
    ("1.1.5", "efficiency_grade", "<=", "1", "", "GB 32284 1级", "石油化工离心泵", "",
     "石油化工离心泵能效不低于《石油化工离心泵能效限定值及能效等级》（GB 32284）规定的 1 级能效水平。",
     ""),
    ("1.1.5", "efficiency_grade", "<=", "1", "", "GB 32030 1级", "潜水电泵", "",
     "潜水电泵能效不低于《潜水电泵能效限定值及能效等级》（GB 32030）规定的 1 级能效水平。", ""),
    ("1.1.6", "efficiency_grade", "<=", "1", "", "GB 19153 1级", "空气压缩机|空压机", "",
     "容积式空气压缩机能效不低于《容积式空气压缩机能效限定值及能效等级》（GB 19153）规定的 1 级能效水平。",
     ""),
    ("1.1.7", "efficiency_grade", "<=", "1", "", "GB 18613 1级", "异步电动机|三相电机|电动机", "",
     "中小型及小功率三相异步、单相异步电动机能效不低于《电动机能效限定值及能效等级》（GB 18613）规定的 "
     "1 级能效水平。", ""),
    ("1.1.7", "efficiency_grade", "<=", "1", "", "GB 30253 1级", "永磁同步", "",
     "永磁同步电动机能效不低于《永磁同步电动机能效限定值及能效等级》（GB 30253）规定的 1 级能效水平。", ""),
    ("1.1.8", "efficiency_grade", "<=", "1", "", "GB 19761 1级", "通风机", "",
     "通风机能效不低于《通风机能效限定值及能效等级》（GB 19761）规定的 1 级能效水平。", ""),
    ("1.1.9", "efficiency_grade", "<=", "1", "", "GB 20052 1级", "变压器", "",
     "三相电力变压器能效不低于《电力变压器能效限定值及能效等级》（GB 20052）规定的 1 级能效水平。", ""),
    ("1.1.9", "efficiency_grade", "<=", "1", "", "GB 28736 1级", "电焊机", "",
     "电焊机能效达到《电焊机能效限定值及能效等级》（GB 28736）规定的 1 级能效水平。", ""),
    ("1.1.13", "efficiency_grade", "<=", "1", "", "GB 19577 1级", "冷水机组|热泵机组", "",
     "冷水机组能效不低于《热泵和冷水机组能效限定值及能效等级》（GB 19577）规定的 1 级能效水平。", ""),
    ("1.1.14", "efficiency_grade", "<=", "1", "", "GB 12021.2 1级", "冰箱|冷柜|冷藏", "",
     "家用冷藏箱、冷冻箱，冷藏冷冻箱（即家用电冰箱）达到《家用电冰箱耗电量限定值及能效等级》"
     "（GB 12021.2）规定的 1 级能效水平。", ""),
    ("1.1.14", "efficiency_grade", "<=", "1", "", "GB 21455 1级", "空调", "",
     "房间空调器达到《房间空气调节器能效限定值及能效等级》（GB 21455）规定的 1 级能效水平。", ""),
    ("1.1.14", "efficiency_grade", "<=", "1", "", "GB 12021.4 1级", "洗衣机", "",
     "电动洗衣机产品达到《电动洗衣机能效水效限定值及等级》（GB 12021.4）规定的 1 级能效水平。", ""),
    ("1.1.14", "efficiency_grade", "<=", "1", "", "GB 24850 1级", "电视", "",
     "电视机制造活动中符合《平板电视与机顶盒能效限定值及能效等级》（GB 24850）规定的 1 级能效水平的产品制造",
     ""),
    ("1.1.15", "efficiency_grade", "<=", "1", "", "GB 30255 / GB 37478 / GB 38450 1级", "LED", "",
     "照明灯具制造活动中依据照明灯具产品类型，分别符合下列条件的产品制造：1.《室内照明用 LED 产品能效限定值"
     "及能效等级》（GB 30255）规定的 1 级能效水平。2.《道路和隧道照明用 LED 灯具能效限定值及能效等级》"
     "（GB 37478）规定的 1 级能效水平。3.《普通照明用 LED 平板灯能效限定值及能效等级》（GB 38450）规定的 "
     "1 级能效水平。", "applies to the 3872 照明灯具制造 row"),
    ("1.1.16", "efficiency_grade", "<=", "1", "", "GB 30720 1级", "燃气灶", "",
     "家用燃气灶具能效不低于《家用燃气灶具能效限定值及能效等级》（GB 30720）规定的 1 级能效水平。", ""),
    ("1.1.16", "efficiency_grade", "<=", "1", "", "GB 20665 1级", "热水器|采暖热水炉|壁挂炉", "",
     "家用燃气快速热水器和燃气采暖热水炉能效不低于《家用燃气快速热水器和燃气采暖热水炉能效限定值及能效等级》"
     "（GB 20665）规定的 1 级能效水平。", ""),
    ("1.3.5", "efficiency_grade", "<=", "1", "", "GB 30255 / GB 37478 / GB 38450 1级", "LED", "",
     "采用 LED 光源照明灯具依据产品及应用场所区别，需分别达到《室内照明用 LED 产品能效限定值及能效等级》"
     "（GB 30255）、《道路和隧道照明用 LED 灯具能效限定值及能效等级》（GB 37478）、《普通照明用 LED "
     "平板灯能效限定值及能效等级》（GB 38450）等规范标准规定的 1 级能效水平。", ""),
    ("1.3.5", "efficiency_grade", "<=", "1", "", "GB 19573 1级", "高压钠灯", "",
     "高压钠灯照明灯具达到《高压钠灯能效限定值及能效等级》（GB 19573）规定的 1 级能效水平。", ""),
    ("2.1.1", "efficiency_grade", "<=", "2", "", "GB 37484 2级", "除尘", "",
     "烟气除尘设备或装置达到《除尘器能效限定值及能效等级》（GB 37484）规定的 2 级及以上能效水平。",
     "2 级及以上 → grade 1 or 2; the text lists this as one of three alternative conditions by "
     "equipment type"),
    ("2.1.2", "efficiency_grade", "<=", "2", "", "GB 37483 2级", "曝气机", "",
     "旋转曝气机设备达到《污水处理用旋转曝气机能效限定值及能效等级》（GB37483）规定的 2 级及以上能效水平。",
     ""),
    ("2.1.2", "efficiency_grade", "<=", "2", "", "GB 37485 2级", "搅拌机", "",
     "潜水推流式搅拌机设备达到《污水处理用潜水推流式搅拌机能效限定值及能效等级》（GB 37485）规定的 2 级及以上"
     "能效水平。", ""),
    ("4.1.1", "unit_capacity", ">=", "5", "MW", "", "陆上风电|陆上风力|陆上风机", "",
     "发电机及发电机组制造活动中 5 兆瓦及以上陆上风力发电机整机、海上风力发电机整机，以及适应我国风能资源条件和"
     "气候条件的高原型风力发电机整机、低温型风力发电机整机、低风速风力发电机整机制造……",
     "applies to onshore turbines (the text sets no size limit for offshore, high-altitude, "
     "low-temperature or low-wind-speed turbines)"),
    ("4.3.1", "comprehensive_energy_efficiency", ">=", "70", "percent", "", "三联供", "",
     "其中，热电冷三联供设施设计综合能效应不低于 70%。", "design value"),
    ("6.1.1", "green_building_star", ">=", "1", "", "绿色建筑 1 星级及以上", "", "",
     "房屋建筑活动中达到1 星级及以上绿色建筑标准的房屋建筑建设活动。",
     "the same 1-star threshold is on every row of the item (design, development, property "
     "management, construction)"),
    ("6.6.2", "efficiency_grade", "<=", "2", "", "GB 40879 2级", "数据中心|智算中心|算力中心|IDC", "",
     "电气安装及管道和设备安装活动中电能比不低于《数据中心能效限定值及能效等级》（GB 40879）中 2 级能效水平的"
     "互联网数据中心（IDC）、企业级数据中心（EDC）、智算中心、高性能计算中心、超算中心等不同类型绿色数据中心建设活动。",
     "不低于 2 级 → grade 1 or 2"),
    ("9.1.1", "vehicle_type", "in", "纯电动|燃料电池", "", "", "", "",
     "新能源汽车范围包括纯电动汽车、燃料电池汽车。包括新能源乘用车，轻型、重型载货汽车等。",
     "备注 of 9.1.1; plug-in hybrids are not in the consumption item (the 8.2.1 trade item does "
     "include 插电式混合动力汽车); kind qualitative = category list"),
]

#: name-derived keywords for the remaining items (greenkit curation)
K25.update({
    "1.1.2": [("节能窑炉|高效窑炉|节能工业炉|蓄热式燃烧", MFG, "改造|" + TRADE)],
    "1.1.3": [("节能内燃机|高效内燃机|节能发动机", MFG, TRADE)],
    "1.1.4": [("高效发电机|高效发电机组", MFG, TRADE)],
    "1.1.6": [("节能压缩机|高效空压机|节能空压机|节能型空气压缩机|气体压缩设备", MFG, TRADE)],
    "1.1.8": [("节能风机|高效风机|节能风扇|节能通风机", MFG, "改造|" + TRADE)],
    "1.1.10": [("磁悬浮", "制造|生产|产线|研发|鼓风机|压缩机|离心机", TRADE)],
    "1.1.11": [("节能农机|节能农业机械|新能源农机|电动农机", MFG, TRADE)],
    "1.1.12": [("节能采矿设备|节能建材设备|节能矿山机械|建筑材料生产专用设备", MFG, TRADE)],
    "1.1.13": [("商用节能设备|节能冷柜|商用冷链设备|高效冷水机组|节能热泵机组|多联机", MFG, TRADE)],
    "1.1.16": [("节能灶具|高效炉具|节能炉具|燃气灶具|燃气热水器|清洁炉具", MFG, TRADE + "|购买")],
    "1.1.19": [("能源计量|能耗监测设备|智能计量|节能检测设备|能源监测设备|智能电表|电能表|热量表|智能水表",
                MFG, TRADE)],
    "1.2.4": [("航空发动机|国产大飞机|支线飞机|电动飞机|新能源飞机|航空装备", MFG, TRADE)],
    "2.1.3": [("土壤修复设备|土壤治理装备|土壤修复装备", MFG, TRADE)],
    "2.1.4": [("固废处理设备|垃圾处理设备|垃圾焚烧炉|垃圾收运车|环卫装备|固体废物处理装备", MFG,
               TRADE)],
    "2.1.5": [("噪声控制设备|减振设备|隔声设备|降噪设备", MFG, TRADE)],
    "2.1.6": [("放射性废物处理设备|辐射防护设备|放射性污染防治", MFG, TRADE)],
    "2.1.7": [("水处理药剂|脱硝催化剂|净水剂|絮凝剂|环保药剂|吸附材料|过滤材料|滤料", MFG, TRADE)],
    "2.1.8": [("无毒无害原料|低VOCs涂料|水性涂料|水性工业涂料|水性木器漆|高固体分涂料|粉末涂料|无溶剂涂料|"
               "生物降解塑料|可降解塑料|水性油墨|低毒原料替代", "生产|制造|替代|产线|扩产|技术改造", TRADE)],
    "2.1.9": [("生物农药|低毒农药|高效低毒|低残留农药", MFG, TRADE)],
    "2.1.10": [("环境监测仪器|在线监测设备|环境应急设备|水质监测仪|烟气监测仪", MFG, TRADE)],
    "2.1.11": [("持久性有机污染物|POPs|汞污染|公约管控", "设备|装备|治理", TRADE)],
    "2.1.12": [("低排放装备|低氮燃烧器|低氮锅炉|无污染排放", MFG, TRADE)],
    "2.2.4": [("无组织排放", "", "")],
    "2.2.7": [("氨排放|氨减排|氨逃逸", "", "")],
    "2.4.4": [("沙漠污染", "", "")],
    "2.5.4": [("恶臭", "治理|防治|除臭|整治", "")],
    "3.1.1": [("矿产资源综合利用设备|尾矿处理设备|选矿设备", MFG, TRADE)],
    "3.1.2": [("节水设备|水循环利用设备|海水淡化设备|中水回用设备|节水器具|节水灌溉设备", MFG,
               TRADE)],
    "3.1.3": [("固废综合利用设备|固体废物综合利用设备|工业固废利用装备", MFG, TRADE)],
    "3.1.4": [("秸秆利用设备|农林废弃物利用设备|秸秆打捆机|秸秆还田机", MFG, TRADE)],
    "3.1.6": [("垃圾资源化设备|餐厨垃圾处理设备|厨余垃圾处理设备|建筑垃圾处理设备", MFG, TRADE)],
    "3.1.7": [("废气回收设备|尾气回收装置|油气回收装置|气体回收设备", MFG, TRADE)],
    "4.1.4": [("水轮机|水轮发电机组|水电设备|抽水蓄能机组|水电装备", MFG, TRADE)],
    "4.1.6": [("地热能设备|地热装备|地源热泵机组|地热发电机组", MFG, TRADE)],
    "4.1.7": [("海洋能设备|潮流能发电机组|波浪能发电装置|海洋能装备", MFG, TRADE)],
    "5.1.8": [("农业生态系统|农田生态|农业生态修复|退化耕地", "", "")],
    "5.1.10": [("林木种质|林业基因|林木基因", "", "")],
    "6.4.10": [("生态安全预警|生态保护修复信息平台|生态监测平台|生态环境大数据", "", "")],
    "7.1.1": [("勘察服务|工程勘察|勘察设计", "绿色|节能|环保|新能源|光伏|风电|生态|低碳", "")],
    "7.1.3": [("施工监理|工程监理|监理服务", "绿色|节能|环保|新能源|光伏|风电|生态|低碳", "")],
    "7.1.4": [("咨询服务", "绿色低碳|碳中和|碳达峰|双碳|ESG|绿色金融", "")],
    "7.3.3": [("环境损害", "监测|评估|鉴定", "")],
    "7.3.4": [("污染源监测|排污监测|污染源在线监控|污染源在线监测|污染源自动监控", "", "仪器制造|设备制造")],
    "7.3.5": [("企业环境监测|自行监测", "", "")],
    "7.3.6": [("生态环境监测服务|生态监测服务|生态安全监测", "", "")],
    "7.3.7": [("碳汇监测|碳汇计量|碳汇评估|林业碳汇", "", "交易")],
    "7.3.8": [("碳监测|碳排放监测评估", "", "")],
    "7.4.2": [("节能诊断|能效诊断", "", "")],
    "7.4.4": [("建筑能效测评|建筑碳排放|建筑能效评估", "", "")],
    "7.4.7": [("环境质量评估|生态环境质量", "监测|评估", "")],
    "7.4.8": [("生态保护补偿|生态补偿|资产损害赔偿|生态损害赔偿", "", "")],
    "7.4.9": [("生态产品价值核算|生态系统评估|生态产品认证|GEP核算", "", "")],
    "7.4.10": [("地质灾害危险性评估|地灾评估", "", "")],
    "7.4.11": [("水土保持评估|水土保持方案", "", "")],
    "7.4.12": [("绿色制造评价|绿色工厂评价|绿色供应链评价", "", "")],
    "7.5.1": [("绿色技术研发|低碳技术研发|节能技术研发|环保技术研发|清洁技术研发", "", "")],
    "7.5.3": [("绿色技术交易|技术成果转化|绿色技术转让", "", "")],
    "8.1.2": [("节能商用设备|商用节能设备|节能冷柜|商用空调", TRADE, "")],
    "8.2.4": [("航空装备|航空发动机|飞机", TRADE, "租赁")],
    "8.2.5": [("港口装卸设备|港口起重机|岸桥", TRADE, "")],
    "8.3.2": [("公约管控|持久性有机污染物", TRADE, "")],
    "8.3.3": [("环境监测仪器|监测仪器仪表", TRADE, "")],
    "8.3.4": [("水处理药剂|环保药剂|净水剂|无毒无害原料|水性涂料", TRADE, "")],
    "8.3.5": [("生物农药|低毒农药|低残留农药", TRADE, "")],
    "8.3.6": [("空气净化器|新风系统|空气净化产品", TRADE, "")],
    "8.3.7": [("油烟净化|餐饮油烟设备", TRADE, "")],
    "8.3.8": [("节水灌溉设备|水资源专用机械|喷灌设备|滴灌设备", TRADE, "")],
    "8.3.9": [("隔声门窗|隔音门窗|隔热材料|保温材料|隔音材料", TRADE, "")],
    "8.4.1": [("矿产资源综合利用设备|选矿设备", TRADE, "")],
    "8.4.2": [("节水设备|海水淡化设备|水循环利用设备", TRADE, "")],
    "8.4.3": [("固废综合利用设备|固体废物综合利用设备", TRADE, "")],
    "8.4.4": [("秸秆利用设备|农林废弃物利用设备", TRADE, "")],
    "8.4.5": [("再生资源设备|废旧物资回收设备|拆解设备|分拣设备", TRADE, "")],
    "8.4.6": [("垃圾资源化设备|垃圾处理设备|餐厨垃圾处理设备", TRADE, "")],
    "8.4.7": [("废气回收设备|油气回收装置|尾气回收装置", TRADE, "")],
    "8.5.3": [("生物质锅炉|生物质能设备|沼气设备", TRADE, "")],
    "8.5.4": [("水轮机|水电设备|水轮发电机组|抽水蓄能机组", TRADE, "")],
    "8.5.5": [("核电设备|核电装备", TRADE, "")],
    "8.5.6": [("地热能设备|地热装备|地源热泵", TRADE, "")],
    "8.5.7": [("海洋能设备|潮流能发电机组|波浪能发电装置", TRADE, "")],
    "8.7.2": [("绿色认证产品|节能认证产品|绿色产品", "零售|门店|超市|商超", "")],
})

# ---------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------
ITEM_COLS = ["code", "level", "parent", "name_zh", "name_en", "definition_zh", "carbon_effect",
             "source", "verified", "note"]
RULE_COLS = ["rule_id", "item_code", "match", "industry_code", "industry_partial", "nace_code",
             "keywords", "context_keywords", "exclude_keywords", "text_fields", "description",
             "source", "verified", "note"]
CRIT_COLS = ["criterion_id", "item_code", "kind", "variable", "operator", "threshold", "unit",
             "standard", "applies_if_keywords", "any_group", "text_zh", "source", "verified",
             "note"]
XW_COLS = ["from_code", "to_code", "relation", "note", "source", "verified"]


def b(v: bool) -> str:
    return "true" if v else "false"


def write_csv(path: Path, cols: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in cols})


def write_yaml(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------
# Reference catalogues (2019, 2021) for the crosswalks
# ---------------------------------------------------------------------------


def load_2019() -> list[tuple[str, str]]:
    out = []
    with (REF / "cn-green-industry-2019.catalog.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            m = re.match(r"([\d.]+)\s*(.*)", r["目录"])
            out.append((m.group(1), m.group(2).strip()))
    return out


def load_2021(names19: dict[str, str]) -> list[tuple[str, str, str]]:
    """(code, name, 2019 code or '') of every 2021 level-4 item in the reference file."""
    d = yaml.safe_load((REF / "cn-green-bond-2021.catalog.yaml").read_text(encoding="utf-8"))
    codes = d["rules"][0]["assertion"]["in"][1]
    l4 = {c for c in codes if c.count(".") == 3}
    l4.add("2.4.1.1")  # missing from the code list; its text is inside the 2.4.1 citation
    cit = {c["section"].replace("绿色债券目录", "").strip(): c["text"] for c in d["citations"]}
    by_name = {v: k for k, v in names19.items()}
    out = []
    for code in sorted(l4, key=sort_key):
        if code in X21_SPECIAL:
            c19, name = X21_SPECIAL[code]
            out.append((code, name, c19))
            continue
        if code == "2.4.1.1":
            out.append((code, "生产过程节水和水资源高效利用", "2.4.1"))
            continue
        text = cit.get(code)
        if text is None:
            out.append((code, "", ""))
            continue
        flat = text.replace("：", "", 1)
        hits = [n for n in by_name if flat.startswith(n)]
        name = max(hits, key=len) if hits else ""
        out.append((code, name, by_name.get(name, "")))
    return out


# ---------------------------------------------------------------------------
# 2025 taxonomy
# ---------------------------------------------------------------------------


def build_f25(f25, t24):
    en24 = dict(t24)
    inv = {}  # 2025 code -> (2024 code, relation)
    for code24, _ in t24:
        for c25, rel, _n in x24_25(code24):
            inv.setdefault(c25, []).append((code24, rel))
    items = []
    for code, (zh, en) in F25_L1.items():
        items.append({"code": code, "level": 1, "parent": "", "name_zh": zh, "name_en": en,
                      "source": SRC25_L1, "verified": b(True),
                      "note": "English name: greenkit translation"})
    l2 = sorted({it["code"].rsplit(".", 1)[0] for it in f25}, key=sort_key)
    for code in l2:
        if code.split(".")[0] in "1234567":
            en = en24.get(code, "")
            note = ("second-level name not present in the machine-readable copy and not found "
                    "elsewhere; name_zh is a placeholder. The third-level items under this code "
                    f"correspond to 2024 second-level {code}; name_en is that 2024 group's name "
                    "(unofficial English rendering), assumed unchanged")
        else:
            en = ""
            note = ("second-level name not present in the machine-readable copy and not found "
                    "elsewhere; name_zh is a placeholder. Content (from the items' 备注): "
                    + L2_CONTENT_25[code])
        items.append({"code": code, "level": 2, "parent": code.split(".")[0],
                      "name_zh": "〔二级类别名称未取得〕", "name_en": en, "source": SRC25_L2,
                      "verified": b(False), "note": note})
    for it in f25:
        code = it["code"]
        name, verified, notes = it["name"], True, []
        if code in NAME_FIX:
            name, why = NAME_FIX[code]
            verified = False
            notes.append(why)
        marks = sorted({r["mark"] for r in it["rows"]})
        effect = EFFECT.get(marks[0], "") if len(marks) == 1 else ""
        if len(marks) > 1:
            per = "; ".join(
                f"{'/'.join(r['codes']) or r['label']}: {MARK[r['mark']]}" for r in it["rows"])
            notes.append("温室气体减排贡献标识 differs by class (" + per + "); item-level "
                         "carbon_effect left empty")
        elif marks[0] in (1, 2):
            notes.append(f"温室气体减排贡献标识 {MARK[marks[0]]} on every class row; mapped "
                         f"{MARK[marks[0]]} → {effect} (greenkit reading of the √√/√ marks; the "
                         "catalogue's legend was not in the copy)")
        else:
            notes.append("no 温室气体减排贡献标识 on any class row")
        if code in EN25_EXTRA:
            en = EN25_EXTRA[code]
            notes.append("English name: greenkit translation")
        else:
            src = [c for c, rel in inv.get(code, []) if rel == "exact"]
            en = en24.get(src[0], "") if src else ""
            notes.append("English name: unofficial rendering of the 2024 counterpart "
                         f"{src[0] if src else ''}")
        items.append({"code": code, "level": 3, "parent": code.rsplit(".", 1)[0],
                      "name_zh": name, "name_en": en, "carbon_effect": effect,
                      "source": SRC25_ITEM, "verified": b(verified), "note": "; ".join(notes)})
    items.sort(key=lambda r: sort_key(r["code"]))

    rules = []
    for it in f25:
        code, n = it["code"], 0
        seen = {}
        for r in it["rows"]:
            for c in r["codes"]:
                if c in seen:
                    seen[c]["marks"].add(r["mark"])
                    seen[c]["remark"] = seen[c]["remark"] and r["from_remark"]
                    continue
                seen[c] = {"marks": {r["mark"]}, "remark": r["from_remark"]}
        for c, info in seen.items():
            n += 1
            partial = (code, c) not in FULL_CLASS
            note = []
            verified = True
            if (code, c) in CODE_FIX:
                note.append(CODE_FIX[(code, c)])
                verified = False
            if info["remark"]:
                note.append("class named in 备注 of a row with 行业代码 '-'")
            note.append("partial: 条件 restricts the class activity (…活动中…的…)" if partial
                        else "full: 条件 is the whole class activity")
            mk = "/".join(MARK[m] for m in sorted(info["marks"], reverse=True))
            rules.append({
                "rule_id": f"CNF25-{code}-I{n:02d}", "item_code": code, "match": "industry",
                "industry_code": c, "industry_partial": b(partial),
                "description": f"GB/T 4754-2017 {c} listed for {code} {it['name'] if code not in NAME_FIX else NAME_FIX[code][0]}"
                               f" (温室气体减排贡献标识 {mk})",
                "source": SRC25_RULE, "verified": b(verified), "note": "; ".join(note)})
        for k, (kw, ctx, exc) in enumerate(K25.get(code, []), start=1):
            rules.append({
                "rule_id": f"CNF25-{code}-K{k:02d}", "item_code": code, "match": "keyword",
                "keywords": kw, "context_keywords": ctx, "exclude_keywords": exc,
                "description": f"loan text names an activity of {code}",
                "source": f"{CURATION}; item scope per {DOC25} 附件 {code}",
                "verified": b(False), "note": CURATION})
    for k, (kw, exc, why) in enumerate(X25, start=1):
        rules.append({
            "rule_id": f"CNF25-ALL-X{k:02d}", "item_code": "*", "match": "exclusion",
            "keywords": kw, "exclude_keywords": exc, "description": why,
            "source": f"{CURATION}; basis: no coal-power item among the 271 third-level items of "
                      f"{DOC25} ({COPY25}); press: eco.gov.cn 61439 (删除煤炭利用相关内容)",
            "verified": b(False),
            "note": "greenkit curation: structural exclusion (the text has no exclusion clause); "
                    "exclude_keywords keep coal phase-out / replacement projects"})

    crit = []
    count = {}
    for (code, var, op, thr, unit, std, applies, group, text, note) in C25:
        count[code] = count.get(code, 0) + 1
        kind = "qualitative" if op in ("in", "not_in", "is_true") else "quantitative"
        crit.append({"criterion_id": f"CNF25-{code}-C{count[code]:02d}", "item_code": code,
                     "kind": kind, "variable": var, "operator": op, "threshold": thr,
                     "unit": unit, "standard": std, "applies_if_keywords": applies,
                     "any_group": group, "text_zh": text, "source": SRC25_CRIT,
                     "verified": b(True),
                     "note": "; ".join(x for x in (note, "checked against the transcription of "
                                                   "the official table") if x)})
    return items, rules, crit


# ---------------------------------------------------------------------------
# 2024 taxonomy
# ---------------------------------------------------------------------------


def x24_25(code24: str):
    if code24 in X24_25_OVERRIDE:
        return X24_25_OVERRIDE[code24]
    if code24.count(".") == 2 and code24.split(".")[0] in "1234567":
        return [(code24, "exact", "")]
    return []


def build_t24(t24, f25names):
    items = []
    for code, en in t24:
        level = code.count(".") + 1
        parent = code.rsplit(".", 1)[0] if level > 1 else ""
        if level == 1:
            zh = F25_L1[code][0]
            items.append({"code": code, "level": 1, "parent": "", "name_zh": zh, "name_en": en,
                          "source": SRC24_L1, "verified": b(True),
                          "note": "name_zh confirmed by NDRC Q&A reprints and the 2025 catalogue's "
                                  "categories 1–7; name_en from the unofficial rendering"})
            continue
        note = ["official Chinese name not found; name_zh is a placeholder; name_en from the "
                "unofficial English rendering; the code structure (7 / 31 / 246) matches a second "
                "independent description of the catalogue"]
        if level == 3:
            hits = [(c, r) for c, r, _ in x24_25(code)]
            if hits and hits[0][1] == "exact":
                note.append(f"probable Chinese name per the 2025 counterpart {hits[0][0]} "
                            f"{f25names.get(hits[0][0], '')} (not verified)")
            elif code in REMOVED_24:
                note.append("no 2025 counterpart: " + REMOVED_24[code])
        items.append({"code": code, "level": level, "parent": parent,
                      "name_zh": "〔中文名称未取得〕", "name_en": en, "source": SRC24_ITEM,
                      "verified": b(False), "note": "; ".join(note)})
    rules = []
    for code, _en in t24:
        if code.count(".") != 2:
            continue
        specs = []
        hits = x24_25(code)
        # keywords of exact counterparts; of partial ones only when no exact one exists
        if any(rel == "exact" for _, rel, _ in hits):
            hits = [h for h in hits if h[1] == "exact"]
        if code in K24_EXTRA:
            hits = []
        for c25, rel, _ in hits:
            for spec in K25.get(c25, []):
                specs.append((spec, f"derived from the CNF25 keyword rule of 2025 {c25} "
                                    f"({rel} counterpart)"))
        for spec in K24_EXTRA.get(code, []):
            specs.append((spec, "2024-only item"))
        seen = set()
        n = 0
        for (kw, ctx, exc), why in specs:
            if (kw, ctx, exc) in seen:
                continue
            seen.add((kw, ctx, exc))
            n += 1
            rules.append({"rule_id": f"CNT24-{code}-K{n:02d}", "item_code": code,
                          "match": "keyword", "keywords": kw, "context_keywords": ctx,
                          "exclude_keywords": exc,
                          "description": f"loan text names an activity of 2024 {code}",
                          "source": f"{CURATION}; item scope per {DOC24} {code} ({COPY24})",
                          "verified": b(False), "note": f"{CURATION}; {why}"})
    return items, rules


# ---------------------------------------------------------------------------
# Crosswalks
# ---------------------------------------------------------------------------
XW_SRC_2425 = (f"{XW_NOTE}: 2024 names via {COPY24}; 2025 names via {COPY25}; the 2025 notice "
               "states the catalogue was revised on the basis of the 2024 catalogue and the 2021 "
               "bond catalogue")
XW_SRC_1925 = ("greenkit mapping by name: 2019 names via shared/reference/"
               "cn-green-industry-2019.catalog.csv; 2025 names via " + COPY25)


def xw_2024_2025(t24, f25):
    rows, reached = [], set()
    for code, en in t24:
        if code.count(".") != 2:
            continue
        hits = x24_25(code)
        for c25, rel, note in hits:
            reached.add(c25)
            rows.append({"from_code": code, "to_code": c25, "relation": rel,
                         "note": note, "source": XW_SRC_2425, "verified": b(False)})
        if not hits:
            rows.append({"from_code": code, "to_code": "", "relation": "none",
                         "note": REMOVED_24.get(code, "no 2025 counterpart") + f" ({en})",
                         "source": XW_SRC_2425, "verified": b(False)})
    for it in f25:
        if it["code"] not in reached:
            rows.append({"from_code": "", "to_code": it["code"], "relation": "none",
                         "note": "new in 2025 (no 2024 counterpart)", "source": XW_SRC_2425,
                         "verified": b(False)})
    return rows


def x19_24(code19):
    if code19 in X19_24_OVERRIDE:
        return X19_24_OVERRIDE[code19]
    out = []
    inv = {}
    for code24 in T24_CODES3:
        for c25, rel, _ in x24_25(code24):
            if rel == "exact":
                inv[c25] = code24
    for c25, rel in X19_25.get(code19, []):
        if c25 in inv:
            out.append((inv[c25], rel, ""))
    return out


def xw_2019_2024(items19, t24):
    en24 = dict(t24)
    src = ("greenkit mapping by name: 2019 names via shared/reference/"
           f"cn-green-industry-2019.catalog.csv; 2024 names via {COPY24} (mapped through the "
           "matching 2025 item where the 2024 item has one)")
    rows, reached = [], set()
    for code, name in items19:
        hits = x19_24(code)
        for c24, rel, note in hits:
            reached.add(c24)
            rows.append({"from_code": code, "to_code": c24, "relation": rel,
                         "note": "; ".join(x for x in (f"{name} → {en24.get(c24, '')}", note) if x),
                         "source": src, "verified": b(False)})
        if not hits:
            rows.append({"from_code": code, "to_code": "", "relation": "none",
                         "note": f"{name}: " + REMOVED_19.get(code, "no 2024 counterpart"),
                         "source": src, "verified": b(False)})
    for code in T24_CODES3:
        if code not in reached:
            rows.append({"from_code": "", "to_code": code, "relation": "none",
                         "note": f"new in 2024 (no 2019 counterpart): {en24[code]}",
                         "source": src, "verified": b(False)})
    return rows


def xw_2021_2025(items21, f25):
    names25 = {it["code"]: NAME_FIX.get(it["code"], (it["name"], ""))[0] for it in f25}
    src = ("greenkit mapping by name: 2021 level-4 names via shared/reference/"
           "cn-green-bond-2021.catalog.yaml (equal to the 2019 level-3 names); 2025 names via "
           + COPY25)
    rows, reached = [], set()
    for code, name, c19 in items21:
        if code == "3.2.3.6":  # CCUS, new in 2021
            hits = [("1.5.1", "exact")]
            name = name or "二氧化碳捕集、利用与封存工程建设和运营"
        elif c19:
            hits = X19_25.get(c19, [])
        else:
            hits = []
        extra = ""
        if code == "4.2.1.4" and not name:
            hits = [("5.2.8", "partial")]
            extra = ("name missing from the reference file; by its position between 4.2.1.3 "
                     "(2019 4.2.3) and 4.2.1.5 (2019 4.3.1) it is probably 2019 4.2.4 "
                     "生态功能区建设维护和运营 — unverified, mapping follows that guess")
        for c25, rel in hits:
            reached.add(c25)
            rows.append({"from_code": code, "to_code": c25, "relation": rel,
                         "note": "; ".join(x for x in (f"{name} → {names25.get(c25, '')}", extra)
                                           if x),
                         "source": src, "verified": b(False)})
        if not hits:
            why = REMOVED_19.get(c19, "no 2025 counterpart")
            rows.append({"from_code": code, "to_code": "", "relation": "none",
                         "note": f"{name}: {why}", "source": src, "verified": b(False)})
    for it in f25:
        if it["code"] not in reached:
            rows.append({"from_code": "", "to_code": it["code"], "relation": "none",
                         "note": f"new in 2025 (no 2021 counterpart): {names25[it['code']]}",
                         "source": src, "verified": b(False)})
    return rows

# ---------------------------------------------------------------------------
# Manifests
# ---------------------------------------------------------------------------
GRANDFATHER = ("《绿色金融支持项目目录（2025年版）》发布前已审批未发放的贷款，处于存续期或已核准、"
               "已完成注册程序的债券，在产品认定和资金投向上仍按照历史标准适用范围执行。")
SCOPE25 = ("统一适用于各类绿色金融产品。沪深北交易所上市及股票发行、新三板挂牌及股票发行业务暂不适用。")


def manifest_f25(items, rules, crit):
    l3 = [r for r in items if r["level"] == 3]
    v3 = sum(r["verified"] == "true" for r in l3)
    n_dir = sum(r["carbon_effect"] == "direct" for r in l3)
    n_ind = sum(r["carbon_effect"] == "indirect" for r in l3)
    n_mixed = sum("differs by class" in r["note"] for r in l3)
    with_ind = len({r["item_code"] for r in rules if r["match"] == "industry"})
    ind_rules = [r for r in rules if r["match"] == "industry"]
    ind_v = sum(r["verified"] == "true" for r in ind_rules)
    return {
        "id": "cn-green-finance-2025",
        "short_id": "CNF25",
        "title_zh": "绿色金融支持项目目录（2025年版）",
        "title_en": "Green Finance Endorsed Projects Catalogue (2025 Edition)",
        "issuers": ["中国人民银行", "金融监管总局", "中国证监会"],
        "document_number": "银发〔2025〕132号",
        "published": "2025-07-14",
        "effective_from": "2025-10-01",
        "effective_to": None,
        "supersedes": ["cn-green-bond-2021"],
        "scope": ("All green finance products (green loans, green bonds and other green financial "
                  "products) — the notice: " + SCOPE25 + " It replaces the 2021 green bond catalogue "
                  "and serves as the basis of green-loan statistics (previously the 2019 green "
                  "industry catalogue). Exchange listings / share issuance are not covered."),
        "jurisdiction": "CN",
        "leaf_level": 3,
        "industry_code_system": "gbt4754-2017",
        "source": (f"{DOC25} (notice and 附件). Third-level items, 国民经济行业分类代码 and "
                   f"温室气体减排贡献标识 via {COPY25}; publication date, issuers, effective date, "
                   "scope and grandfathering via press reports of the notice (新华社/People's Daily "
                   "English 2025-07-14, 证券时报 and 21世纪经济报道 2025-07-15, 中国氢能联盟 "
                   "2025-07-25, eco.gov.cn)."),
        "licence": ("the catalogue is an official government document; the transcription was read "
                    "from a public GitHub repository (no licence stated) and re-keyed by greenkit"),
        "verification": "partial",
        "verification_note": (
            f"9 first-level (names verified), 38 second-level (codes inferred from the third-level "
            f"codes; names NOT found — placeholder 〔二级类别名称未取得〕, verified=false), "
            f"{len(l3)} third-level items (count 271 matches press reports of 9/38/271). "
            f"{v3}/{len(l3)} third-level names verified against the transcription; the "
            f"{len(l3) - v3} others had cells cut in the copy and were completed from "
            "neighbouring items / the 2019 names / the 2024 English rendering, or kept with '…' "
            f"(verified=false). {with_ind} third-level items have GB/T 4754 industry rules "
            f"({len(ind_rules)} rules, {ind_v} verified; 2 class codes corrected from obvious "
            "typos, verified=false); 9.1.1–9.1.3 (consumption) name no class. carbon_effect: "
            f"{n_dir} direct, {n_ind} indirect, {n_mixed} items whose class rows carry different "
            "marks (left empty, detail in note), the rest have no mark. The mapping √√ → direct, "
            "√ → indirect is greenkit's reading (the legend was not in the copy). "
            f"{len(crit)} criteria from the 条件/说明 text. Keyword and exclusion rules are greenkit "
            "curation (verified=false). definition_zh is not filled (the 条件 text is long and was "
            "only partly transcribed)."),
        "name_en_source": "greenkit translation",
        "notes": (
            "Grandfathering (notice, quoted): " + GRANDFATHER + " Bonds whose filings were "
            "submitted but not yet approved at publication may choose the standard (paraphrase of "
            "the notice; the 绿色债券标准委员会 notice of 2025-09-30 lets issuers choose the 2021 or "
            "2025 catalogue). 碳中和债券 proceeds must go to items marked as having a "
            "温室气体减排贡献 (paraphrase of press reports). "
            "Structure: 9 first-level (节能降碳产业、环境保护产业、资源循环利用产业、能源绿色低碳转型、"
            "生态保护修复和利用、基础设施绿色升级、绿色服务、绿色贸易、绿色消费), 38 second-level, 271 "
            "third-level; categories 1–7 follow the 2024 绿色低碳转型产业指导目录 and 8–9 (trade, "
            "consumption) are new. Coal: press reports state the revision deleted coal-use content "
            "(删除煤炭利用相关内容); no third-level item concerns coal power or coal clean use, so "
            "rule CNF25-ALL-X01 (greenkit curation) excludes coal-fired power projects, keeping coal "
            "phase-out/replacement texts. 煤层气/页岩气 comprehensive development (0721) remains "
            "under 3.2.1. Industry rules: every class row whose 条件 restricts the activity "
            "within the class (…活动中符合…的…) is industry_partial=true (the catalogue has no '*' "
            "mark); rows whose 条件 is the whole class activity are false. Classes named only in "
            "the 备注 column are included and flagged in note. Second-level names are missing; "
            "their codes are certain (from the third-level codes). English names are greenkit "
            "translations or the unofficial English rendering of the 2024 counterpart item. "
            "Crosswalks to 2021 and from 2024 are greenkit mappings by name (verified=false)."),
    }


def manifest_t24(items):
    counts = {lv: sum(r["level"] == lv for r in items) for lv in (1, 2, 3)}
    return {
        "id": "cn-green-transition-2024",
        "short_id": "CNT24",
        "title_zh": "绿色低碳转型产业指导目录（2024年版）",
        "title_en": "Guidance Catalogue for Green and Low-Carbon Transition Industries (2024 Edition)",
        "issuers": ["国家发展改革委", "工业和信息化部", "自然资源部", "生态环境部", "住房城乡建设部",
                    "交通运输部", "中国人民银行", "金融监管总局", "中国证监会", "国家能源局"],
        "document_number": "发改环资〔2024〕165号",
        "published": "2024-02-02",
        "effective_from": "2024-02-02",
        "effective_to": None,
        "supersedes": ["cn-green-industry-2019"],
        "scope": ("Industry guidance catalogue defining green and low-carbon transition industries "
                  "for policy support (fiscal, pricing, investment, green finance); the basis from "
                  "which the 2025 green finance catalogue's categories 1–7 were revised."),
        "jurisdiction": "CN",
        "leaf_level": 3,
        "industry_code_system": "gbt4754-2017",
        "source": (f"{DOC24}. Codes and item list via {COPY24}; first-level names and issuers via "
                   "NDRC Q&A reprints and press reports."),
        "licence": ("the catalogue is an official government document; the English rendering was "
                    "read from a public GitHub file (no licence stated)"),
        "verification": "partial",
        "verification_note": (
            f"{counts[1]} first-level (Chinese names verified), {counts[2]} second-level and "
            f"{counts[3]} third-level items (codes and English names from one unofficial English "
            "rendering; the count 7/31/246 agrees with an independent description). No Chinese "
            "copy of the second/third level was found: name_zh of levels 2–3 is the placeholder "
            "〔中文名称未取得〕 and all those rows are verified=false; the probable Chinese name "
            "(2025 counterpart) is in note. Publication date 2024-02-02 is NOT verified (a "
            "public fixture gives it; commentary of early March 2024 calls the catalogue recent). "
            "The catalogue lists no industry classes in the rendering used: rules are greenkit "
            "keyword rules only (verified=false); criteria.csv is empty (no thresholds confirmed)."),
        "name_en_source": "greenkit translation",
        "notes": (
            "Issued by 国家发展改革委 with 9 other departments (10 in all). Supersedes 《绿色产业指导"
            "目录（2019年版）》. 7 first-level categories: 节能降碳产业、环境保护产业、资源循环利用产业、"
            "能源绿色低碳转型、生态保护修复和利用、基础设施绿色升级、绿色服务. Compared with 2025 it "
            "still contains fossil-energy transition items (4.4 煤炭清洁生产/清洁高效利用, 煤电机组 "
            "transformation, 清洁燃油, 油气, 煤层气/页岩气, methane recovery) and gas-turbine, "
            "unconventional and offshore oil-and-gas equipment; these are tagged by keyword. The "
            "unofficial English names are not official translations. For green loans/bonds the "
            "2025 green finance catalogue (银发〔2025〕132号) applies; this edition is for industry "
            "classification and comparisons."),
    }


# ---------------------------------------------------------------------------
# Cases (rule tests): (id, industry_code, purpose, project_name, expect_code,
# expect_status, note, extra technical fields)
# ---------------------------------------------------------------------------
CASES25 = [
    ("4416", "集中式光伏电站项目建设贷款", "", "4.2.2", "aligned", "utility PV, full class 4416", {}),
    ("4415", "海上风电场建设", "", "4.2.1", "aligned", "offshore wind, full class 4415", {}),
    ("4419", "电网侧新型储能电站建设", "", "4.3.2", "aligned", "new-type energy storage", {}),
    ("4413", "抽水蓄能电站建设", "", "4.3.3", "aligned", "pumped storage", {}),
    ("5267", "公共充电桩及换电站建设运营", "", "6.2.3", "aligned", "charging infrastructure", {}),
    ("", "个人购买纯电动汽车", "", "9.1.1", "aligned", "NEV consumption, vehicle_type 纯电动",
     {"vehicle_type": "纯电动"}),
    ("", "个人购买新能源汽车（插电式混合动力）", "", "9.1.1", "not_aligned",
     "9.1.1 covers only 纯电动 and 燃料电池 vehicles", {"vehicle_type": "插电式混合动力"}),
    ("", "个人购买新能源汽车车贷", "", "9.1.1", "eligible", "vehicle type not given", {}),
    ("4620", "城镇污水处理厂提标改造", "", "6.4.7", "aligned", "municipal wastewater treatment", {}),
    ("4417", "生活垃圾焚烧发电项目", "", "3.2.6", "aligned", "waste-to-energy", {}),
    ("4710", "二星级绿色建筑住宅项目开发", "", "6.1.1", "aligned", "green building 2 stars",
     {"green_building_star": "2"}),
    ("4710", "住宅项目开发（绿色建筑）", "", "6.1.1", "not_aligned", "no star rating",
     {"green_building_star": "0"}),
    ("4710", "超低能耗建筑示范项目建设", "", "6.1.2", "aligned", "ultra-low-energy building", {}),
    ("4812", "城市地铁线路建设", "", "6.2.6", "aligned", "urban rail transit", {}),
    ("5411", "城市公交纯电动公交车更新", "", "6.2.6", "aligned", "electric bus fleet", {}),
    ("", "港口岸电设施建设", "", "6.2.12", "aligned", "shore power", {}),
    ("", "工业锅炉节能改造", "", "1.3.1", "aligned", "boiler energy-saving retrofit", {}),
    ("", "钢铁企业余热余压发电改造", "", "1.3.4", "aligned", "waste heat recovery", {}),
    ("4411", "煤电机组灵活性改造", "", "", "excluded",
     "coal power: no 2025 item (CNF25-ALL-X01)", {}),
    ("4210", "废钢回收加工配送中心建设", "", "3.2.5", "aligned", "scrap steel recycling", {}),
    ("", "废弃矿山生态修复工程", "", "5.3.4", "aligned", "mine ecological restoration", {}),
    ("", "绿色数据中心建设（新建）", "", "6.6.2", "aligned", "data centre grade 1",
     {"efficiency_grade": "1"}),
    ("", "数据中心建设（新建，设计PUE 1.45）", "", "6.6.2", "not_aligned", "data centre grade 3 < grade 2",
     {"efficiency_grade": "3"}),
    ("", "合同能源管理项目（节能效益分享）", "", "7.2.2", "aligned", "EMC", {}),
    ("", "光伏组件出口贸易融资", "", "8.5.2", "aligned", "green trade in solar equipment", {}),
    ("3825", "光伏组件生产线扩产", "", "4.1.2", "aligned", "PV module manufacturing", {}),
    ("", "天然气热电冷三联供项目", "", "4.3.1", "not_aligned",
     "三联供 design comprehensive efficiency 65% < 70%",
     {"comprehensive_energy_efficiency": "65"}),
    ("", "个人以旧换新购买一级能效空调", "", "9.1.3", "aligned", "other green consumption", {}),
    ("", "购买办公用品流动资金", "", "", "not_eligible", "no green activity", {}),
    ("", "二氧化碳捕集利用与封存（CCUS）示范工程", "", "1.5.1", "aligned", "CCUS", {}),
]

CASES24 = [
    ("", "集中式光伏电站项目建设贷款", "", "4.2.2", "aligned", "utility PV", {}),
    ("", "海上风电场建设", "", "4.2.1", "aligned", "offshore wind", {}),
    ("", "电网侧新型储能电站建设", "", "4.3.2", "aligned", "new-type energy storage", {}),
    ("", "公共充电桩及换电站建设运营", "", "6.2.3", "aligned", "charging infrastructure", {}),
    ("", "城镇污水处理厂提标改造", "", "6.4.7", "aligned", "municipal wastewater", {}),
    ("", "生活垃圾焚烧发电项目", "", "3.2.6", "aligned", "waste-to-energy", {}),
    ("", "超低能耗建筑示范项目建设", "", "6.1.2", "aligned", "ultra-low-energy building", {}),
    ("", "城市地铁线路建设", "", "6.2.6", "aligned", "urban rail transit", {}),
    ("", "港口岸电设施建设", "", "6.2.12", "aligned", "shore power", {}),
    ("", "工业锅炉节能改造", "", "1.3.1", "aligned", "boiler retrofit", {}),
    ("", "钢铁企业余热余压发电改造", "", "1.3.5", "aligned",
     "waste heat: 2024 1.3.5 (2025 1.3.4)", {}),
    ("", "电机系统节能改造", "", "1.3.3", "aligned", "motor systems: 2024 1.3.3 (2025 1.3.2)", {}),
    ("", "煤电机组灵活性改造", "", "4.4.3", "aligned",
     "coal power transformation is still a 2024 item", {}),
    ("", "天然气储气库建设", "", "4.3.7", "aligned", "gas storage (2024 only)", {}),
    ("", "煤矿瓦斯抽采利用项目", "", "4.4.7", "aligned", "coal-mine methane (2024 only)", {}),
    ("", "废钢回收加工配送中心建设", "", "3.2.5", "aligned", "scrap steel recycling", {}),
    ("", "废弃矿山生态修复工程", "", "5.3.4", "aligned", "mine restoration", {}),
    ("", "合同能源管理项目（节能效益分享）", "", "7.2.2", "aligned", "EMC", {}),
    ("", "光伏组件生产线扩产", "", "4.1.2", "aligned", "PV module manufacturing", {}),
    ("", "光伏组件出口贸易融资", "", "", "not_eligible", "green trade is not a 2024 category", {}),
    ("", "个人购买纯电动汽车", "", "", "not_eligible", "consumption is not a 2024 category", {}),
    ("", "购买办公用品流动资金", "", "", "not_eligible", "no green activity", {}),
    ("", "二氧化碳捕集利用与封存（CCUS）示范工程", "", "1.5.1", "aligned", "CCUS", {}),
    ("", "高标准农田建设", "", "5.1.5", "aligned", "high-standard farmland", {}),
]


def bank_cases25() -> list[tuple]:
    """The bank-style purposes of tools/cn_cases.yaml that carry a 2025 item (``e25``).

    Status: ``s25`` when given; else ``eligible`` when a 2025 criterion of the item applies
    to the row's text (no ``applies_if_keywords``, or one of them in the text) — the row gives
    no technical data — ``aligned`` when none applies, ``not_eligible`` for no item.
    """
    data = yaml.safe_load((ROOT / "tools" / "cn_cases.yaml").read_text(encoding="utf-8"))
    out = []
    for c in data["cases"]:
        if "e25" not in c:
            continue
        code = str(c["e25"])
        text = ((c.get("purpose") or "") + " " + (c.get("project_name") or "")).lower()
        status = c.get("s25")
        if not status and code:
            applies = [cr for cr in C25 if cr[0] == code
                       and (not cr[6] or any(w.lower() in text for w in cr[6].split("|")))]
            status = "eligible" if applies else "aligned"
        out.append((c["id"], str(c.get("ind") or ""), c.get("purpose") or "",
                    c.get("project_name") or "", code, status or "not_eligible",
                    c.get("note", "") + " (tools/cn_cases.yaml)", {}))
    return out


def case_rows(prefix, cases):
    extra_cols = sorted({k for c in cases for k in c[6]})
    rows = []
    for i, (ind, purpose, proj, code, status, note, extra) in enumerate(cases, start=1):
        row = {"case_id": f"{prefix}-C{i:03d}", "industry_code": ind, "purpose": purpose,
               "project_name": proj, "expect_code": code, "expect_status": status, "note": note}
        for k in extra_cols:
            row[k] = extra.get(k, "")
        rows.append(row)
    cols = ["case_id", "industry_code", "purpose", "project_name"] + extra_cols + [
        "expect_code", "expect_status", "note"]
    return cols, rows


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------
T24_CODES3: list[str] = []


def main() -> None:
    global T24_CODES3
    f25 = parse_f25()
    t24 = parse_t24()
    assert len(f25) == 271, len(f25)
    T24_CODES3 = [c for c, _ in t24 if c.count(".") == 2]
    f25names = {it["code"]: NAME_FIX.get(it["code"], (it["name"], ""))[0] for it in f25}

    items25, rules25, crit25 = build_f25(f25, t24)
    d25 = TAX / "cn-green-finance-2025"
    write_yaml(d25 / "manifest.yaml", manifest_f25(items25, rules25, crit25))
    write_csv(d25 / "items.csv", ITEM_COLS, items25)
    write_csv(d25 / "rules.csv", RULE_COLS, rules25)
    write_csv(d25 / "criteria.csv", CRIT_COLS, crit25)
    cols, rows = case_rows("CNF25", CASES25)
    rows += [{"case_id": f"CNF25-{cid}", "industry_code": ind, "purpose": purpose,
              "project_name": proj, "expect_code": code, "expect_status": status, "note": note}
             for cid, ind, purpose, proj, code, status, note, _extra in bank_cases25()]
    write_csv(d25 / "cases.csv", cols, rows)

    items24, rules24 = build_t24(t24, f25names)
    d24 = TAX / "cn-green-transition-2024"
    write_yaml(d24 / "manifest.yaml", manifest_t24(items24))
    write_csv(d24 / "items.csv", ITEM_COLS, items24)
    write_csv(d24 / "rules.csv", RULE_COLS, rules24)
    write_csv(d24 / "criteria.csv", CRIT_COLS, [])
    cols, rows = case_rows("CNT24", CASES24)
    write_csv(d24 / "cases.csv", cols, rows)

    xw = TAX / "crosswalks"
    items19 = load_2019()
    names19 = dict(items19)
    items21 = load_2021(names19)
    write_csv(xw / "cn-green-transition-2024__cn-green-finance-2025.csv", XW_COLS,
              xw_2024_2025(t24, f25))
    write_csv(xw / "cn-green-industry-2019__cn-green-transition-2024.csv", XW_COLS,
              xw_2019_2024(items19, t24))
    write_csv(xw / "cn-green-bond-2021__cn-green-finance-2025.csv", XW_COLS,
              xw_2021_2025(items21, f25))


if __name__ == "__main__":
    main()
