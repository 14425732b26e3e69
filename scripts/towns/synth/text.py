"""Word pools for the synthetic-registry generator: fictional place names and plausible prose.

Place names are two syllables drawn from two pools of characters with their pinyin, so the town id
(`<pinyin>-<n>`) reads like a real one and every combination is distinct. The prose is assembled
from sentence fragments typical of the program's reports; it carries no personal data and no long
digit runs that could be mistaken for phone or ID numbers.
"""

from __future__ import annotations

import random

FICTIONAL = "（虚构）"  # the marker every fictional name carries (see docs/dev/demo-data.md)

_FIRST = (
    "云yun 星xing 智zhi 海hai 湾wan 峰feng 溪xi 桥qiao 湖hu 松song 竹zhu 梅mei 兰lan 荷he 枫feng 柳liu "
    "石shi 金jin 银yin 玉yu 龙long 凤feng 鹤he 鹏peng 晨chen 曦xi 霞xia 虹hong 岚lan 泉quan 源yuan 川chuan "
    "江jiang 河he 洲zhou 岛dao 港gang 埠bu 坪ping 塘tang 岭ling 岗gang 坑keng 沙sha 滘jiao 涌chong "
    "围wei 圩xu 禾he 稻dao 茶cha 桑sang 蕉jiao 榕rong 棉mian 桂gui 橙cheng 荔li 杉shan 樟zhang 柏bai 槐huai "
    "杏xing 桃tao 明ming 新xin 华hua 兴xing 盛sheng 安an 宁ning "
    "康kang 乐le 和he 顺shun 丰feng 恒heng 昌chang 隆long 瑞rui"
)
_SECOND = (
    "谷gu 城cheng 园yuan 湾wan 港gang 岸an 坊fang 里li 村cun 庄zhuang 镇zhen 墟xu 田tian 湖hu 山shan 岭ling "
    "畔pan 汇hui 苑yuan 林lin 溪xi 洲zhou 滩tan 堤di 桥qiao 塘tang 坪ping 台tai 阁ge 楼lou 庭ting 府fu "
    "光guang 明ming 辉hui 耀yao 晖hui 彩cai 锦jin 绣xiu 翠cui 碧bi 青qing 蓝lan 紫zi 丹dan 朱zhu 白bai "
    "东dong 南nan 西xi 北bei 中zhong 前qian 后hou 上shang 下xia 头tou 尾wei 心xin 角jiao 口kou 门men 关guan "
    "丰feng 盈ying 泰tai 福fu 禄lu 寿shou 喜xi 乐le 安an 康kang 宁ning 和he 顺shun 达da 通tong 达da"
)


def _pool(text: str) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for item in text.split():
        seen.setdefault(item[0], item[1:])
    return sorted(seen.items())


PLACE_FIRST: list[tuple[str, str]] = _pool(_FIRST)
PLACE_SECOND: list[tuple[str, str]] = _pool(_SECOND)

THEMES: dict[str, list[str]] = {
    "industry": ["云智", "数字经济", "互联网创新", "大数据", "智能硬件", "电子商务", "移动互联", "物联网"],
    "application": [
        "智慧制造",
        "电商家居",
        "智慧农业",
        "智慧陶瓷",
        "智慧纺织",
        "智慧物流",
        "互联网+健康",
        "智慧旅游",
    ],
}

INDUSTRY_DOMAINS = ["制造", "农业", "金融", "物流", "商务", "交通", "政务", "民生"]
APPLICATION_DOMAINS = ["医疗", "健康", "养老", "教育", "文化", "社会保障", "社区服务"]

_FRAGMENTS: dict[str, list[str]] = {
    "industry": [
        "小镇以互联网产业为主导，集聚了一批软件和信息技术服务企业",
        "骨干企业带动作用明显，产业链上下游配套日趋完善",
        "大数据、云计算和人工智能等新一代信息技术加快发展",
        "小镇与高校、科研院所共建研发平台，产学研合作不断深化",
        "众创空间和孵化器为初创企业提供场地、融资和辅导服务",
        "互联网企业在制造、物流、金融等领域开展融合示范应用",
        "小镇持续优化营商环境，引进高层次人才团队",
    ],
    "application": [
        "小镇传统产业基础雄厚，企业积极利用互联网开展生产和营销",
        "龙头企业建设工业互联网平台，带动上下游企业上云用云",
        "电子商务交易额保持较快增长，线上线下融合发展",
        "医疗、教育、养老等民生领域的互联网应用示范项目稳步推进",
        "传统企业设立信息化部门，推动研发、管理和服务数字化",
        "小镇搭建公共服务平台，为中小微企业提供技术和融资支持",
        "社区服务和社会保障业务实现网上办理",
    ],
    "policy": [
        "出台人才引进和住房保障办法",
        "设立产业发展专项资金，对入驻企业给予租金补贴",
        "对新认定的高新技术企业给予一次性奖励",
    ],
    "transport": [
        "小镇距高速公路出入口约十分钟车程",
        "城市轨道交通和公交线路连通小镇核心区",
        "距国际机场和高铁站均在一小时车程以内",
    ],
    "services": [
        "小镇配套建设人才公寓、学校、医院和商业综合体",
        "政务服务中心设立企业服务专窗",
        "公共区域建有图书馆、体育场馆和城市公园",
    ],
}


def paragraph(rng: random.Random, topic: str, sentences: int = 3) -> str:
    """``sentences`` fragments on ``topic`` joined into one Chinese paragraph."""
    pool = _FRAGMENTS.get(topic, _FRAGMENTS["industry"])
    return "；".join(rng.choice(pool) for _ in range(max(1, sentences))) + "。"


_TRADES = {
    "internet": ["网络科技", "信息技术", "数据科技", "智能科技", "软件", "云计算"],
    "traditional": ["家具制造", "陶瓷", "纺织", "五金制品", "食品", "机械制造"],
}


def company_name(rng: random.Random, town_name: str, n: int, category: str) -> str:
    """A fictional company name, distinct across the registry (the town's name is its stem): two
    towns listing one name would be flagged as sharing a company (`towns.copies`)."""
    stem = town_name.removesuffix(FICTIONAL).removesuffix("小镇")
    marks = "甲乙丙丁戊己庚辛壬癸"
    trade = rng.choice(_TRADES.get(category, _TRADES["internet"]))
    return f"{stem}{marks[n % len(marks)]}{n + 1}{trade}有限公司（虚构）"
