"""What residents of the demo county bring: topics with title and narrative templates.

Title i goes with narrative i modulo the number of narratives, so a title always fits its text.
Each topic names its dispute type and category (codes of cases/seed.py), the department that
usually handles it (a county department key, or `pcs`/`sfs` for the case's own street), how it
tends to arrive (process weights) and how often. Templates use named slots filled per case
(see generator/cases.py for the slot list).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Topic:
    key: str
    dispute_type: str
    category: str
    department: str
    weight: float
    processes: dict[str, int]
    titles: tuple[str, ...]
    narratives: tuple[str, ...]
    # dispute handling: who settles it (grid worker on the spot, the community mediator, a department)
    handling: dict[str, int] = field(default_factory=lambda: {"mediator": 5, "department": 5})
    respondent: str = "person"  # person | company:<trade> | none
    season: str = ""  # spring_festival | winter | summer
    many_party: float = 0.0  # share of cases with more than five applicants
    many_range: tuple[int, int] = (6, 12)
    urgent: float = 0.03


D, P, W = "dispute", "petition", "workorder"

TOPICS: tuple[Topic, ...] = (
    # -- 劳动争议 --------------------------------------------------------------------------------
    Topic(
        "wage_arrears", "labour", "labour_social_security", "rsj", 9.0, {D: 6, P: 1, W: 3},
        ("拖欠农民工工资", "{count}名工人讨要工资", "工地拖欠{months}个月工资", "{company}拖欠工资"),
        (
            "{applicant}等{count}人在{place}的{project}工地从事{work}，由{company}承包。自{start}起工资一直未结清，"
            "共计约{total}元。多次向包工头{respondent}讨要，对方以总包单位未拨款为由推脱，现已联系不上。"
            "工人们大多是外地来的，临近过年急需用钱回家，请求政府帮忙追讨。",
            "反映{company}在{place}附近的{project}项目拖欠{count}名工人{months}个月工资，总额{total}元左右。"
            "工人手里有考勤记录和部分欠条，包工头{respondent}答应{deadline}前付清，到期后仍未支付。",
            "{applicant}称其在{company}务工{months}个月，老板{respondent}只发了生活费，剩余工资{amount}元拖着不给，"
            "本人家中老人生病急需用钱，希望有关部门督促支付。",
        ),
        handling={"mediator": 2, "department": 8}, respondent="company:construction", season="spring_festival",
        many_party=0.35, many_range=(6, 40), urgent=0.2,
    ),
    Topic(
        "work_injury", "labour", "labour_social_security", "rsj", 2.0, {D: 8, P: 1, W: 1},
        ("工伤赔偿纠纷", "务工受伤赔偿争议", "{company}工伤待遇争议"),
        (
            "{applicant}在{company}上班期间被机器轧伤右手，住院{days}天，花去医疗费{amount}元。"
            "公司没有给其缴纳工伤保险，现只愿意一次性补偿一万元，{applicant}认为太少，双方争执不下。",
            "{applicant}的家人在{place}的{project}工地从脚手架上摔下致腰椎骨折，包工头{respondent}垫付了部分医药费后"
            "就不再露面，家属要求认定工伤并赔偿误工费、护理费。",
        ),
        respondent="company:factory",
    ),
    Topic(
        "social_insurance", "labour", "labour_social_security", "rsj", 1.5, {D: 2, W: 8},
        ("单位未缴纳社保", "养老保险补缴问题", "社保断缴投诉"),
        (
            "来电人{applicant}反映，其在{company}工作{years}年，单位一直未给其缴纳社会保险，"
            "现在想办理医保报销才发现是断缴状态，要求单位补缴。",
            "{applicant}咨询：原单位{company}倒闭后养老保险断缴{months}个月，本人今年{age}岁，能否个人补缴，"
            "需要带什么材料，去哪里办理。",
        ),
        respondent="company:factory",
    ),
    Topic(
        "dismissal", "labour", "labour_social_security", "rsj", 1.5, {D: 7, P: 1, W: 2},
        ("解除劳动合同经济补偿争议", "被辞退后未获补偿"),
        (
            "{applicant}在{company}工作{years}年，上月公司以经营困难为由口头通知其不用再来上班，"
            "既没有书面通知也没有经济补偿，{applicant}要求按工作年限支付补偿金约{amount}元。",
            "{applicant}反映{company}以其怀孕请假过多为由将其辞退，认为公司违法解除劳动合同，要求恢复工作或赔偿。",
        ),
        respondent="company:factory",
    ),
    # -- 邻里 ------------------------------------------------------------------------------------
    Topic(
        "neighbour_noise", "neighbour", "civil_dispute", "pcs", 6.0, {D: 5, W: 5},
        ("楼上噪音扰民", "广场舞音响扰民", "邻居开棋牌室深夜扰民", "邻居深夜噪音"),
        (
            "{applicant}住在{address}，反映楼上住户{respondent}家几乎每天{time}以后还在拖动家具、小孩跑跳，"
            "上门沟通过两次没有效果，家中老人长期失眠，希望社区出面协调。",
            "{place}小区中心广场每晚有人跳广场舞，音响开得很大，一直持续到{time}，"
            "附近居民多次劝说无果，请求相关部门管一管。",
            "{applicant}反映隔壁{respondent}在家里开了棋牌室，每天打麻将到深夜，声音很吵还有人在楼道抽烟，影响休息。",
        ),
        handling={"grid": 6, "mediator": 3, "department": 1}, season="summer", urgent=0.01,
    ),
    Topic(
        "neighbour_leak", "neighbour", "civil_dispute", "sfs", 3.0, {D: 8, W: 2},
        ("楼上漏水纠纷", "装修破坏防水层致楼下渗水"),
        (
            "{applicant}家住{address}，楼上{respondent}家卫生间长期渗水，导致其家天花板发霉脱落、"
            "木地板起拱，维修估价{small}元。楼上住户不承认是其责任，拒绝维修和赔偿。",
            "{applicant}反映因楼上{respondent}家装修时破坏了防水层，自家厨房墙面大面积渗水，"
            "多次找对方协商未果，物业也说管不了，希望调解。",
        ),
        handling={"grid": 3, "mediator": 6, "department": 1},
    ),
    Topic(
        "neighbour_passage", "neighbour", "civil_dispute", "sfs", 2.5, {D: 9, W: 1},
        ("通行道路纠纷", "排水沟堵塞引发邻里矛盾", "邻居搭建围墙挡路"),
        (
            "{applicant}反映邻居{respondent}在两家之间的通道上砌了一道围墙，导致其家人进出只能绕行"
            "{distance}米，农用车也开不进去，双方为此已发生过口角。",
            "{place}村民{applicant}称邻居{respondent}家把排水沟填平种菜，一下雨污水就倒灌进其家院子，要求恢复排水沟。",
        ),
        handling={"grid": 4, "mediator": 5, "department": 1},
    ),
    Topic(
        "neighbour_light", "neighbour", "urban_construction", "zjj", 1.0, {D: 7, W: 3},
        ("加建房屋遮挡采光", "邻居违建影响通风采光"),
        (
            "{applicant}反映邻居{respondent}在自家房屋顶上加建了一层，挡住了其家南面窗户的阳光，"
            "冬天屋里常年阴冷，要求拆除违建或给予补偿。",
        ),
    ),
    # -- 婚姻家庭 ----------------------------------------------------------------------------------
    Topic(
        "divorce_property", "marriage_family", "civil_dispute", "sfs", 2.5, {D: 10},
        ("离婚后房屋分割纠纷", "拖欠抚养费纠纷"),
        (
            "{applicant}与前夫{respondent}已协议离婚，但对婚后在{place}建的房屋如何分割没有写清楚，"
            "现在双方都住在里面，经常吵架，{applicant}请求村调委会帮助调解。",
            "{applicant}反映离婚时约定孩子由其抚养、{respondent}每月支付抚养费{small}元，"
            "但对方已有{months}个月没有支付，打电话也不接。",
        ),
        handling={"mediator": 8, "department": 2},
    ),
    Topic(
        "elderly_support", "marriage_family", "civil_dispute", "sfs", 2.0, {D: 9, P: 1},
        ("老人赡养纠纷", "子女不尽赡养义务"),
        (
            "{place}村民{applicant}今年{age}岁，老伴去世后独居，三个子女互相推诿，谁都不愿意承担医药费，"
            "老人要求子女每月支付赡养费并轮流照顾。",
            "{applicant}反映其母亲{age}岁瘫痪在床，弟弟{respondent}拿了老人的拆迁款却不管老人，"
            "要求弟弟承担护理费用。",
        ),
        handling={"grid": 2, "mediator": 7, "department": 1},
    ),
    Topic(
        "inheritance", "marriage_family", "civil_dispute", "fy", 1.2, {D: 10},
        ("遗产继承纠纷", "老宅继承份额争议"),
        (
            "{applicant}的父亲去世后留下{place}老宅一处及存款约{amount}元，没有遗嘱。"
            "兄弟姐妹四人对份额分配意见不一，{respondent}已搬进老宅居住并拒绝其他人进入。",
        ),
        handling={"mediator": 5, "department": 5},
    ),
    # -- 房屋宅基地 / 山林土地 -----------------------------------------------------------------------
    Topic(
        "homestead_boundary", "housing_homestead", "urban_construction", "zrzyj", 2.5, {D: 8, P: 2},
        ("宅基地界址纠纷", "建房占用宅基地争议"),
        (
            "{applicant}与邻居{respondent}的宅基地相邻，对方翻建新房时墙基越过原界址约{width}米，"
            "{applicant}拿出九十年代的宅基地使用证要求对方退让，对方不认可。",
            "{place}村民{applicant}反映其祖上留下的宅基地被村里分给了{respondent}建房，要求村里说明依据。",
        ),
    ),
    Topic(
        "house_quality", "housing_homestead", "urban_construction", "zjj", 1.5, {D: 5, W: 5},
        ("新房质量问题", "商品房墙体开裂渗水"),
        (
            "{applicant}购买的{estate}商品房交房不到一年，外墙渗水、阳台开裂，"
            "多次找开发商{company}维修，对方一拖再拖，业主们准备集体维权。",
        ),
        respondent="company:developer", many_party=0.2, many_range=(6, 30),
    ),
    Topic(
        "land_contract", "land", "civil_dispute", "nyncj", 2.5, {D: 7, P: 3},
        ("承包地被他人耕种", "土地流转租金纠纷", "土地承包经营权纠纷"),
        (
            "{applicant}家在{place}承包的{area}亩责任田，外出打工期间被同组村民{respondent}耕种，"
            "回来后要求返还，对方称是村里调整给他的。",
            "{applicant}等{count}户村民反映，{company}流转了村里{area}亩土地种植苗木，租金已拖欠两年未付，"
            "村干部说联系不上老板。",
        ),
        respondent="company:agri", many_party=0.2, many_range=(6, 20),
    ),
    Topic(
        "forest_boundary", "land", "civil_dispute", "zrzyj", 1.2, {D: 8, P: 2},
        ("山林权属纠纷", "林地界址争议"),
        (
            "{place}{applicant}与邻村{respondent}对一片约{area}亩的山林权属有争议，"
            "双方都称是祖上留下的，对方近日上山砍伐杉木，{applicant}阻拦时差点发生冲突。",
        ),
        urgent=0.08,
    ),
    # -- 合同 / 生产经营 --------------------------------------------------------------------------
    Topic(
        "private_loan", "contract", "civil_dispute", "fy", 3.0, {D: 10},
        ("民间借贷纠纷", "担保代偿纠纷"),
        (
            "{applicant}于{start}借给同村{respondent}现金{amount}元，约定一年归还，有借条为证。"
            "到期后多次催讨，对方以生意亏本为由拖欠，现在连电话也不接。",
            "{applicant}反映其为朋友{respondent}的贷款做了担保，{respondent}逾期后银行要求其还款，"
            "{applicant}要求{respondent}承担还款责任。",
        ),
        handling={"mediator": 6, "department": 4},
    ),
    Topic(
        "decoration_contract", "contract", "commerce_tourism", "scjgj", 1.5, {D: 6, W: 4},
        ("装修合同纠纷", "装修公司停工拖延"),
        (
            "{applicant}与{company}签订了总价{amount}元的装修合同并预付了六成款项，"
            "施工不到两个月公司就停工了，多次催促无人理会，要求退还多付的款项。",
        ),
        respondent="company:construction",
    ),
    Topic(
        "partnership", "business", "commerce_tourism", "fy", 1.2, {D: 10},
        ("合伙经营纠纷", "合伙人退伙分账争议"),
        (
            "{applicant}与{respondent}合伙在{place}开了一家{shop}，各出资{amount}元。"
            "因经营理念不合，{applicant}要求退伙分账，双方对店内设备和存货的折价有分歧。",
        ),
        handling={"mediator": 5, "department": 5},
    ),
    Topic(
        "shop_lease", "business", "commerce_tourism", "scjgj", 1.5, {D: 7, W: 3},
        ("商铺租赁纠纷", "房东提前收回店铺"),
        (
            "{applicant}在{place}承租{respondent}的临街店面经营{shop}，合同还有{years}年到期，"
            "房东突然要求涨租金否则收回店面，还把店门锁了，{applicant}损失严重。",
        ),
    ),
    # -- 损害赔偿 ----------------------------------------------------------------------------------
    Topic(
        "dog_bite", "damages", "public_security", "pcs", 1.5, {D: 7, W: 3},
        ("犬只伤人赔偿纠纷", "被邻居家狗咬伤"),
        (
            "{applicant}在{place}散步时被{respondent}家未拴绳的大狗咬伤小腿，打了狂犬疫苗花去{small}元，"
            "对方只愿意承担一半费用。",
        ),
        handling={"grid": 4, "mediator": 4, "department": 2},
    ),
    Topic(
        "fight_injury", "damages", "public_security", "pcs", 2.0, {D: 10},
        ("打架致伤赔偿纠纷", "口角引发肢体冲突"),
        (
            "{applicant}与{respondent}因停车问题发生口角，继而相互推搡，{applicant}被打伤头部，"
            "经派出所出警处理后移交调解，{applicant}要求赔偿医疗费、误工费共计{amount}元。",
        ),
        handling={"mediator": 4, "department": 6}, urgent=0.1,
    ),
    Topic(
        "property_damage", "damages", "civil_dispute", "pcs", 1.2, {D: 8, W: 2},
        ("财物损坏赔偿纠纷", "车辆被刮擦赔偿争议"),
        (
            "{applicant}停在{place}路边的电动车被{respondent}倒车时撞坏，维修需要{small}元，"
            "对方认为电动车停放位置不对，只愿意赔一部分。",
        ),
        handling={"grid": 5, "mediator": 4, "department": 1},
    ),
    # -- 征地拆迁 ----------------------------------------------------------------------------------
    Topic(
        "land_compensation", "expropriation", "urban_construction", "zrzyj", 2.0, {D: 3, P: 7},
        ("征地补偿款分配问题", "青苗补偿未到位", "道路建设征地补偿争议"),
        (
            "{place}村民{applicant}反映，县里建设{project}征收了其家{area}亩承包地，"
            "补偿款至今只拿到一部分，村里说剩下的要统筹，要求公开补偿标准和分配方案。",
            "{applicant}等{count}户村民联名反映，{project}征地时地上的果树和青苗没有按实际数量补偿，"
            "要求重新清点。",
        ),
        handling={"mediator": 3, "department": 7}, many_party=0.25, many_range=(6, 18), urgent=0.1,
    ),
    Topic(
        "relocation", "expropriation", "urban_construction", "zjj", 1.2, {D: 3, P: 7},
        ("拆迁安置房分配问题", "旧改安置延期交付"),
        (
            "{applicant}反映{place}旧城改造项目原定{start}交付安置房，已经延期{months}个月，"
            "过渡费也停发了，一家五口一直在外租房。",
        ),
        many_party=0.2, many_range=(6, 25), urgent=0.08,
    ),
    # -- 环境污染 ----------------------------------------------------------------------------------
    Topic(
        "factory_smell", "environment", "environment", "sthjj", 2.5, {D: 2, P: 1, W: 7},
        ("企业排放异味扰民", "工厂废气污染投诉", "夜间偷排废气"),
        (
            "{place}附近的{company}每天晚上排放刺鼻气味，居民不敢开窗，老人小孩咳嗽，"
            "希望环保部门夜间来检查。",
            "来电反映{company}的烟囱经常冒黑烟，周边{count}户居民晾的衣服都是黑点，多次投诉没有改善。",
        ),
        respondent="company:factory", many_party=0.15, many_range=(6, 30),
    ),
    Topic(
        "water_pollution", "environment", "environment", "sthjj", 1.2, {D: 3, W: 7},
        ("河道污染", "养殖场污水直排"),
        (
            "{place}村边的小溪最近发黑发臭，怀疑上游{respondent}的养猪场把污水直接排进河里，"
            "村民的鸭子死了好几只。",
        ),
    ),
    Topic(
        "construction_noise", "environment", "environment", "zhzf", 2.0, {W: 9, D: 1},
        ("夜间施工噪声扰民", "工地凌晨施工"),
        (
            "{place}旁边的{project}工地每天晚上{time}还在浇筑混凝土，噪声很大，"
            "周边居民无法休息，要求查处夜间违规施工。",
        ),
        respondent="company:construction", season="summer",
    ),
    # -- 医疗 ------------------------------------------------------------------------------------
    Topic(
        "medical_dispute", "medical", "health", "wjj", 1.5, {D: 7, P: 2, W: 1},
        ("手术后感染赔偿争议", "拔牙致神经损伤赔偿纠纷"),
        (
            "{applicant}的父亲在县人民医院做完阑尾手术后出现感染，住院{days}天，家属认为医院处置不当，"
            "要求医院承担额外医疗费用并赔偿。",
            "{applicant}反映其在{company}拔牙后出现神经损伤，嘴唇麻木{months}个月，要求诊所赔偿。",
        ),
        handling={"mediator": 3, "department": 7}, respondent="company:clinic", urgent=0.06,
    ),
    Topic(
        "health_service", "medical", "health", "wjj", 1.2, {W: 9, D: 1},
        ("卫生院服务态度投诉", "医保报销咨询", "卫生院排队时间长"),
        (
            "来电人{applicant}反映在{street}卫生院看病时挂号排队时间太长，工作人员态度生硬，希望改进。",
            "{applicant}咨询：在外地住院的费用回县里报销需要哪些材料，报销比例是多少。",
        ),
        respondent="none",
    ),
    # -- 道路交通 ----------------------------------------------------------------------------------
    Topic(
        "traffic_accident", "traffic", "transport", "gaj", 2.5, {D: 10},
        ("电动车与轿车相撞赔偿争议", "车辆追尾赔偿纠纷"),
        (
            "{applicant}骑电动车在{place}路口与{respondent}驾驶的{plate}轿车相撞，左腿骨折，"
            "交警认定对方负主要责任，但保险公司理赔前对方拒绝垫付医疗费，已花费{amount}元。",
            "{applicant}驾车被{company}的货车追尾，车辆维修和误工损失约{amount}元，对方公司一直拖着不赔。",
        ),
        handling={"mediator": 3, "department": 7}, respondent="person",
    ),
    Topic(
        "bus_service", "other", "transport", "jtysj", 1.0, {W: 10},
        ("公交班次太少", "农村客运线路停运"),
        (
            "{place}村民反映，通往县城的客运班车从每天六班减到两班，学生和老人出行很不方便，要求恢复班次。",
        ),
        respondent="none",
    ),
    Topic(
        "road_damage", "other", "transport", "jtysj", 1.2, {W: 10},
        ("道路破损坑洼", "村道塌方无人修"),
        (
            "{place}通往{street}的道路有一段路面塌陷，坑很深，晚上已经有电动车摔倒，请尽快修复并设置警示标志。",
        ),
        respondent="none",
    ),
    # -- 物业 ------------------------------------------------------------------------------------
    Topic(
        "property_fee", "property_mgmt", "urban_construction", "zjj", 3.0, {D: 5, W: 5},
        ("小区停车费收费争议", "物业服务质量投诉", "停车费上涨纠纷"),
        (
            "{place}{address}业主{applicant}反映，{company}未经业主大会同意将停车费从每月{fee}元涨到"
            "{fee2}元，不交就不让车进小区。",
            "{applicant}反映小区物业{company}收费不服务，垃圾几天不清运，绿化没人管，业主拒交物业费后物业断了门禁卡。",
        ),
        respondent="company:property",
    ),
    Topic(
        "lift_fault", "property_mgmt", "urban_construction", "zjj", 1.5, {D: 3, W: 7},
        ("电梯故障长期停运", "电梯困人投诉"),
        (
            "{address}的电梯已经停运{days}天，楼里有几位八十多岁的老人下不了楼，物业{company}说维修资金申请不下来。",
        ),
        respondent="company:property", urgent=0.08,
    ),
    Topic(
        "heating", "property_mgmt", "urban_construction", "zjj", 1.5, {W: 9, D: 1},
        ("供暖温度不达标", "暖气不热", "空调集中供暖故障"),
        (
            "{address}业主反映，入冬以来小区集中供暖温度只有十几度，家里有老人和婴儿，物业{company}一直说在检修。",
        ),
        respondent="company:property", season="winter",
    ),
    Topic(
        "water_supply", "other", "urban_construction", "zjj", 1.5, {W: 10},
        ("停水未提前通知", "水管冻裂停水", "突然停水无人告知"),
        (
            "{place}一带从{time}起停水，事先没有任何通知，到现在还没恢复，居民做饭洗漱都成问题。",
            "{address}反映寒潮后小区供水管冻裂，已经停水{days}天，请供水部门尽快抢修。",
        ),
        respondent="none", season="winter",
    ),
    # -- 消费 ------------------------------------------------------------------------------------
    Topic(
        "prepaid_card", "consumer", "commerce_tourism", "scjgj", 2.0, {D: 4, W: 6},
        ("预付卡商家关门跑路", "会员卡无法退费"),
        (
            "{applicant}在{company}办了{small}元的会员卡，才用了几次店就关门了，老板{respondent}联系不上，"
            "据说有{count}人办了卡，要求帮助追回预付款。",
        ),
        respondent="company:shop", many_party=0.3, many_range=(6, 50),
    ),
    Topic(
        "product_quality", "consumer", "commerce_tourism", "scjgj", 1.5, {W: 8, D: 2},
        ("商品质量问题投诉", "家电售后推诿"),
        (
            "{applicant}在{company}购买的冰箱用了不到三个月就不制冷，商家让找厂家，厂家让找商家，互相推诿。",
        ),
        respondent="company:shop",
    ),
    Topic(
        "training_refund", "consumer", "education_culture", "jyj", 1.2, {W: 7, D: 3},
        ("校外培训机构退费难", "培训班停课不退费"),
        (
            "{applicant}给孩子在{company}报了一年的课，交了{small}元，上了两个月培训机构就搬走了，要求退还剩余学费。",
        ),
        respondent="company:shop", many_party=0.25, many_range=(6, 35),
    ),
    Topic(
        "tourism", "consumer", "commerce_tourism", "scjgj", 0.8, {W: 9, D: 1},
        ("农家乐价格欺诈", "景区收费投诉"),
        (
            "游客{applicant}反映在{place}的{company}吃饭，菜单上没有标价，结账时被收了{small}元，明显高于正常价格。",
        ),
        respondent="company:restaurant",
    ),
    # -- 教育文体 ----------------------------------------------------------------------------------
    Topic(
        "school_matters", "other", "education_culture", "jyj", 1.2, {W: 9, P: 1},
        ("学校乱收费", "入学划片咨询", "学校违规收取资料费"),
        (
            "家长{applicant}反映孩子所在的{street}中心小学要求每个学生交{fee}元资料费，没有收据，怀疑违规收费。",
            "{applicant}咨询孩子明年上小学，户口在{place}但房子在县城，应该去哪个学校报名。",
        ),
        respondent="none",
    ),
    # -- 村务管理 ----------------------------------------------------------------------------------
    Topic(
        "village_finance", "village_affairs", "other", "nyncj", 1.5, {D: 3, P: 7},
        ("村务财务不公开", "村集体收入去向质疑"),
        (
            "{place}村民{applicant}反映村里出租集体山林的收入{amount}元去向不明，村务公开栏已经一年多没有更新，"
            "要求公开账目。",
        ),
        many_party=0.2, many_range=(6, 15),
    ),
    Topic(
        "subsidy", "village_affairs", "other", "mzj", 1.2, {P: 5, W: 4, D: 1},
        ("低保评定不公", "低保评议不公开"),
        (
            "{applicant}反映其家庭困难却没有评上低保，而村干部的亲戚{respondent}家有车有房却享受低保，要求重新评议。",
        ),
    ),
    # -- 治安 / 其他 ------------------------------------------------------------------------------
    Topic(
        "gambling_report", "other", "public_security", "gaj", 0.8, {W: 10},
        ("举报聚众赌博", "举报可疑人员"),
        (
            "群众举报{place}一处出租房内经常有人聚众赌博，进出人员复杂，晚上吵闹，请公安机关查处。",
        ),
        respondent="none",
    ),
    Topic(
        "policy_question", "other", "other", "sfj", 1.0, {W: 10},
        ("法律援助咨询", "建议增设便民设施", "申请法律援助条件咨询"),
        (
            "{applicant}咨询：被拖欠货款{amount}元，对方是外地公司，能不能申请法律援助，需要什么条件。",
            "{applicant}建议在{place}增设一个公共厕所和几张休息座椅，方便赶集的老人。",
        ),
        respondent="none",
    ),
    Topic(
        "other_dispute", "other", "civil_dispute", "sfs", 1.0, {D: 9, W: 1},
        ("坟地迁移纠纷", "红白喜事占道纠纷"),
        (
            "{applicant}与{respondent}两家因祖坟迁移位置发生争执，涉及双方家族多人，情绪比较激动。",
            "{respondent}家办酒席在{place}村道上搭棚三天，车辆无法通行，{applicant}与其理论时发生争吵。",
        ),
        handling={"grid": 5, "mediator": 5},
    ),
)

ESTATES = ("锦华名苑", "滨江花园", "翠屏山庄", "溪口新村", "文昌府")
PROJECTS = ("锦华名苑二期", "青溪大道拓宽工程", "东坪安置小区", "溪口污水管网工程", "县第二中学新校区", "白沙工业园标准厂房",
            "枫林乡村振兴示范带", "石桥大桥改建工程", "滨江花园三期", "青石老街改造")
WORK = ("木工", "钢筋工", "泥水工", "轻质隔墙安装", "外墙保温", "水电安装")
SHOPS = ("小吃店", "奶茶店", "五金店", "理发店", "服装店", "农资店", "快递驿站")
TIMES = ("晚上11点", "凌晨12点", "凌晨1点", "晚上10点半", "夜里12点多")
