package org.dataexchange.marketplace.catalogue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.SourceType;
import org.dataexchange.marketplace.licence.LicenceTemplate;

/**
 * The demo catalogue: realistic data products across industries, classifications, source types, licence
 * templates and pricing plans, as merchants of a Chinese data exchange list them.
 */
public final class DemoCatalogue {

    private DemoCatalogue() {}

    /** One demo product: who sells it (merchant index 0..3) and what it is. */
    public record Item(int merchant, String title, String description, Industry industry, SourceType source,
                       ClassificationLevel level, String category, Set<DeliveryMode> modes, LicenceTemplate template,
                       PricingPlan.Kind plan, long priceFen, String purpose, String tags) {

        /** The Chinese title (the demo writes both languages side by side: "中文 English"). */
        public String titleZh() {
            return chinese(title);
        }

        public String titleEn() {
            return english(title);
        }

        public String descriptionZh() {
            return chinese(description);
        }

        public String descriptionEn() {
            return english(description);
        }
    }

    /** Where the English half of "中文 English" or "中文。English." starts: after the last non-ASCII character. */
    private static int englishStart(String text) {
        int last = -1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                last = i;
            }
        }
        if (last < 0 || Character.UnicodeBlock.of(text.charAt(last)) == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || Character.UnicodeBlock.of(text.charAt(last)) == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS) {
            return last + 1; // "……分辨率。Nationwide…", "（匿名化） Outpatient…"
        }
        // "城市公交到站预测API Bus arrival…": ASCII right after the Chinese belongs to it, up to the first space
        int space = text.indexOf(' ', last + 1);
        return space < 0 ? text.length() : space;
    }

    static String chinese(String text) {
        return text.substring(0, englishStart(text)).strip();
    }

    static String english(String text) {
        return text.substring(englishStart(text)).strip();
    }

    private static Item item(int merchant, String title, String description, Industry industry, SourceType source,
                             ClassificationLevel level, String category, Set<DeliveryMode> modes, LicenceTemplate template,
                             PricingPlan.Kind plan, long priceFen, String purpose, String tags) {
        return new Item(merchant, title, description, industry, source, level, category, modes, template, plan, priceFen,
                purpose, tags);
    }

    private static final Set<DeliveryMode> FILE = Set.of(DeliveryMode.FILE_DOWNLOAD);
    private static final Set<DeliveryMode> API = Set.of(DeliveryMode.METERED_API);
    private static final Set<DeliveryMode> SANDBOX = Set.of(DeliveryMode.QUERY_SANDBOX);
    private static final Set<DeliveryMode> FILE_API = Set.of(DeliveryMode.FILE_DOWNLOAD, DeliveryMode.METERED_API);

    public static final List<Item> ITEMS = List.of(
            item(0, "全国雷达回波拼图数据 Radar echo mosaic", "全国天气雷达组网拼图，6分钟一帧，1公里分辨率。Nationwide weather radar mosaic, a frame every 6 minutes at 1 km.", Industry.METEOROLOGY, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "气象观测/雷达", FILE_API, LicenceTemplate.DERIVED_PRODUCTS, PricingPlan.Kind.SUBSCRIPTION, 980_000, "短临降水预报 nowcasting", "雷达 radar 降水 nowcast"),
            item(0, "逐小时气象站观测数据 Hourly station observations", "2400个国家级地面站逐小时温压湿风观测。Hourly temperature, pressure, humidity and wind from 2,400 national stations.", Industry.METEOROLOGY, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "气象观测/地面站", FILE, LicenceTemplate.INTERNAL_ANALYSIS, PricingPlan.Kind.ONE_OFF, 150_000, "气候分析 climate analysis", "气象站 station observation"),
            item(0, "台风路径集合预报 Typhoon track ensemble forecast", "西北太平洋台风未来120小时路径与强度集合预报。120-hour track and intensity ensembles for north-west Pacific typhoons.", Industry.METEOROLOGY, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "气象预报/台风", API, LicenceTemplate.INTERNAL_ANALYSIS, PricingPlan.Kind.METERED, 50, "航运避险 shipping risk avoidance", "台风 typhoon forecast"),
            item(0, "城市格点气温预报 City grid temperature forecast", "重点城市1公里格点未来10天逐小时气温预报。Hourly 10-day temperature forecasts on a 1 km grid for major cities.", Industry.METEOROLOGY, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "气象预报/格点", API, LicenceTemplate.DERIVED_PRODUCTS, PricingPlan.Kind.METERED, 20, "能源负荷预测 load forecasting", "气温 temperature grid"),
            item(0, "城市内涝风险预警 Urban waterlogging alerts", "基于降水预报与排水管网模型的街道级内涝风险。Street-level waterlogging risk from rainfall forecasts and drainage models.", Industry.METEOROLOGY, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "气象服务/城市", API, LicenceTemplate.INTERNAL_ANALYSIS, PricingPlan.Kind.SUBSCRIPTION, 360_000, "城市运行管理 city operations", "内涝 waterlogging alert"),
            item(1, "东海浮标海洋观测 East China Sea buoy observations", "东海32个浮标的水温、盐度、浪高逐10分钟观测。Water temperature, salinity and wave height every 10 minutes from 32 buoys.", Industry.OCEAN, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "海洋观测/浮标", FILE, LicenceTemplate.DERIVED_PRODUCTS, PricingPlan.Kind.ONE_OFF, 260_000, "海洋科研 ocean research", "浮标 buoy ocean"),
            item(1, "港口潮汐预报 Port tide forecasts", "沿海86个港口未来30天逐时潮位预报。Hourly 30-day tide forecasts for 86 coastal ports.", Industry.OCEAN, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "海洋预报/潮汐", API, LicenceTemplate.INTERNAL_ANALYSIS, PricingPlan.Kind.METERED, 30, "港口作业计划 port operations", "潮汐 tide port"),
            item(1, "船舶AIS轨迹聚合数据 Vessel AIS aggregates", "近海船舶AIS轨迹按网格聚合的通航密度。Traffic density from coastal AIS tracks aggregated on a grid.", Industry.OCEAN, SourceType.ENTERPRISE, ClassificationLevel.IMPORTANT, "海洋交通/AIS", SANDBOX, LicenceTemplate.INTERNAL_ANALYSIS, PricingPlan.Kind.SUBSCRIPTION, 1_200_000, "航运保险定价 marine insurance pricing", "AIS 船舶 vessel"),
            item(1, "海浪高度再分析 Wave height reanalysis", "1990年以来中国近海有效波高再分析。Significant wave height reanalysis for China's seas since 1990.", Industry.OCEAN, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "海洋再分析/海浪", FILE, LicenceTemplate.DERIVED_PRODUCTS, PricingPlan.Kind.ONE_OFF, 480_000, "海上风电选址 offshore wind siting", "海浪 wave reanalysis"),
            item(1, "港口集装箱吞吐量 Container throughput", "主要港口月度集装箱吞吐量与航线结构。Monthly container throughput and route mix of major ports.", Industry.TRANSPORT, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "交通物流/港口", FILE, LicenceTemplate.RESALE, PricingPlan.Kind.SUBSCRIPTION, 220_000, "贸易研究 trade research", "集装箱 container port"),
            item(2, "城市公交到站预测API Bus arrival prediction API", "实时公交到站时间预测，覆盖28个城市。Real-time bus arrival predictions in 28 cities.", Industry.TRANSPORT, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "交通出行/公交", API, LicenceTemplate.DERIVED_PRODUCTS, PricingPlan.Kind.METERED, 2, "出行应用 journey planner", "公交 bus arrival"),
            item(2, "高速公路车流量统计 Expressway traffic volumes", "高速公路收费站分车型小时车流量。Hourly vehicle counts by class at expressway toll stations.", Industry.TRANSPORT, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "交通出行/高速", FILE, LicenceTemplate.INTERNAL_ANALYSIS, PricingPlan.Kind.ONE_OFF, 320_000, "物流路径规划 logistics route planning", "高速 traffic expressway"),
            item(2, "地铁客流OD矩阵 Metro origin-destination matrix", "地铁站间15分钟粒度客流OD矩阵（聚合匿名）。Station-to-station passenger flows every 15 minutes, aggregated.", Industry.TRANSPORT, SourceType.PERSONAL, ClassificationLevel.GENERAL, "交通出行/地铁", SANDBOX, LicenceTemplate.INTERNAL_ANALYSIS, PricingPlan.Kind.SUBSCRIPTION, 680_000, "商业选址 retail site selection", "地铁 metro OD"),
            item(2, "网约车出行热力图 Ride-hailing demand heatmap", "城市500米网格网约车上下车热力（聚合）。Ride-hailing pickups and drop-offs on a 500 m grid, aggregated.", Industry.TRANSPORT, SourceType.PERSONAL, ClassificationLevel.GENERAL, "交通出行/网约车", API, LicenceTemplate.DERIVED_PRODUCTS, PricingPlan.Kind.METERED, 5, "城市规划 urban planning", "网约车 heatmap"),
            item(2, "航班准点率统计 Flight punctuality statistics", "国内航线日度准点率与延误原因。Daily on-time performance and delay causes of domestic flights.", Industry.TRANSPORT, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "交通出行/民航", FILE, LicenceTemplate.RESALE, PricingPlan.Kind.ONE_OFF, 90_000, "差旅管理 travel management", "航班 flight punctuality"),
            item(2, "冷链物流温控记录 Cold chain temperature logs", "冷藏车与冷库温度传感器记录。Temperature sensor logs from refrigerated trucks and cold stores.", Industry.RETAIL, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "物流/冷链", FILE_API, LicenceTemplate.INTERNAL_ANALYSIS, PricingPlan.Kind.SUBSCRIPTION, 150_000, "食品安全追溯 food safety tracing", "冷链 cold chain"),
            item(3, "门诊疾病谱统计（匿名化） Outpatient disease statistics (anonymised)", "二级以上医院门诊ICD-10疾病谱月度统计，已匿名化。Monthly ICD-10 outpatient statistics of hospitals, anonymised.", Industry.HEALTHCARE, SourceType.PERSONAL, ClassificationLevel.GENERAL, "医疗健康/门诊", SANDBOX, LicenceTemplate.INTERNAL_ANALYSIS, PricingPlan.Kind.ONE_OFF, 550_000, "公共卫生研究 public health research", "门诊 outpatient disease"),
            item(3, "药品流通价格指数 Drug distribution price index", "药品批发与零售价格月度指数。Monthly wholesale and retail price index of medicines.", Industry.HEALTHCARE, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "医疗健康/药品", FILE, LicenceTemplate.RESALE, PricingPlan.Kind.SUBSCRIPTION, 120_000, "医药市场研究 pharma market research", "药品 drug price"),
            item(3, "医疗机构资源分布 Healthcare facility resources", "医疗机构床位、科室、设备配置。Beds, departments and equipment of healthcare facilities.", Industry.HEALTHCARE, SourceType.PUBLIC, ClassificationLevel.GENERAL, "医疗健康/资源", SANDBOX, LicenceTemplate.DERIVED_PRODUCTS, PricingPlan.Kind.ONE_OFF, 80_000, "保险网络规划 insurance network planning", "医院 hospital resources"),
            item(3, "区域流感监测数据 Regional influenza surveillance", "哨点医院流感样病例比例周报。Weekly influenza-like illness ratios from sentinel hospitals.", Industry.HEALTHCARE, SourceType.PUBLIC, ClassificationLevel.IMPORTANT, "医疗健康/疾控", SANDBOX, LicenceTemplate.INTERNAL_ANALYSIS, PricingPlan.Kind.SUBSCRIPTION, 300_000, "疫情预警 outbreak early warning", "流感 influenza"),
            item(3, "供应链票据融资风险评分 Supply-chain finance risk scores", "核心企业上下游票据融资违约风险评分。Default-risk scores for supply-chain bill financing.", Industry.FINANCE, SourceType.ENTERPRISE, ClassificationLevel.IMPORTANT, "金融/风控", API, LicenceTemplate.INTERNAL_ANALYSIS, PricingPlan.Kind.METERED, 300, "信贷审批 credit approval", "风控 risk score"),
            item(3, "上市公司舆情指数 Listed company sentiment index", "上市公司新闻与社交媒体日度舆情指数。Daily news and social media sentiment of listed companies.", Industry.FINANCE, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "金融/舆情", API, LicenceTemplate.DERIVED_PRODUCTS, PricingPlan.Kind.SUBSCRIPTION, 450_000, "量化投资 quantitative investing", "舆情 sentiment stock"),
            item(3, "中小企业纳税信用评级 SME tax credit ratings", "中小企业纳税信用等级（授权查询）。Tax credit grades of SMEs, queried with consent.", Industry.FINANCE, SourceType.PUBLIC, ClassificationLevel.GENERAL, "金融/征信", SANDBOX, LicenceTemplate.INTERNAL_ANALYSIS, PricingPlan.Kind.METERED, 100, "普惠金融授信 inclusive lending", "纳税 tax credit"),
            item(3, "企业工商变更数据 Company registry changes", "企业股东、法人、注册资本变更记录。Shareholder, representative and capital changes of companies.", Industry.FINANCE, SourceType.PUBLIC, ClassificationLevel.GENERAL, "金融/工商", API, LicenceTemplate.RESALE, PricingPlan.Kind.METERED, 10, "尽职调查 due diligence", "工商 company registry"),
            item(0, "区域电网负荷曲线 Regional grid load curves", "省级电网15分钟负荷曲线与断面潮流。15-minute load curves and interface flows of provincial grids.", Industry.ENERGY, SourceType.ENTERPRISE, ClassificationLevel.CORE, "能源/电网", SANDBOX, LicenceTemplate.INTERNAL_ANALYSIS, PricingPlan.Kind.ONE_OFF, 5_000_000, "电网安全研究 grid security research", "电网 grid load"),
            item(0, "光伏电站发电功率 Solar plant output", "分布式光伏电站15分钟发电功率。15-minute output of distributed solar plants.", Industry.ENERGY, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "能源/新能源", FILE, LicenceTemplate.DERIVED_PRODUCTS, PricingPlan.Kind.SUBSCRIPTION, 260_000, "功率预测 power forecasting", "光伏 solar"),
            item(0, "充电桩使用率 EV charger utilisation", "公共充电桩小时级占用率。Hourly occupancy of public EV chargers.", Industry.ENERGY, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "能源/充电", API, LicenceTemplate.RESALE, PricingPlan.Kind.METERED, 8, "充电站选址 charger siting", "充电桩 EV charging"),
            item(0, "风电场风速预测 Wind farm wind forecasts", "风电场轮毂高度未来72小时风速预测。72-hour hub-height wind forecasts for wind farms.", Industry.ENERGY, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "能源/风电", API, LicenceTemplate.INTERNAL_ANALYSIS, PricingPlan.Kind.SUBSCRIPTION, 540_000, "电力交易报价 power trading", "风电 wind forecast"),
            item(0, "电力现货出清价格 Power spot clearing prices", "省级电力现货市场日前与实时出清价格。Day-ahead and real-time clearing prices of provincial spot markets.", Industry.ENERGY, SourceType.ENTERPRISE, ClassificationLevel.IMPORTANT, "能源/电力交易", FILE, LicenceTemplate.INTERNAL_ANALYSIS, PricingPlan.Kind.SUBSCRIPTION, 880_000, "售电策略 retail power strategy", "电价 power price"),
            item(1, "全国行政区划代码 Administrative division codes", "县级以上行政区划代码与变更历史。County-level division codes and their change history.", Industry.GOVERNMENT, SourceType.PUBLIC, ClassificationLevel.GENERAL, "政务/基础地理", API, LicenceTemplate.RESALE, PricingPlan.Kind.METERED, 1, "地址标准化 address normalisation", "行政区划 division code"),
            item(1, "公共资源交易公告 Public procurement notices", "政府采购与工程招投标公告结构化数据。Structured government procurement and tender notices.", Industry.GOVERNMENT, SourceType.PUBLIC, ClassificationLevel.GENERAL, "政务/公共资源", API, LicenceTemplate.DERIVED_PRODUCTS, PricingPlan.Kind.SUBSCRIPTION, 200_000, "商机挖掘 sales leads", "招标 procurement tender"),
            item(1, "不动产交易统计 Real estate transaction statistics", "城市新房二手房月度成交量价。Monthly volumes and prices of new and resale homes.", Industry.GOVERNMENT, SourceType.PUBLIC, ClassificationLevel.GENERAL, "政务/不动产", SANDBOX, LicenceTemplate.INTERNAL_ANALYSIS, PricingPlan.Kind.ONE_OFF, 160_000, "房地产研究 property research", "房地产 real estate"),
            item(1, "区域GDP月度估算 Regional GDP nowcast", "基于多源数据的地市级月度GDP估算。Monthly prefecture GDP estimates from multiple sources.", Industry.GOVERNMENT, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "宏观经济/统计", FILE, LicenceTemplate.RESALE, PricingPlan.Kind.SUBSCRIPTION, 300_000, "宏观研究 macro research", "GDP nowcast"),
            item(2, "商超品类销售指数 Supermarket category sales index", "连锁商超300个品类周度销售指数。Weekly sales index of 300 categories in supermarket chains.", Industry.RETAIL, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "零售/快消", FILE, LicenceTemplate.DERIVED_PRODUCTS, PricingPlan.Kind.SUBSCRIPTION, 240_000, "品牌营销 brand marketing", "零售 retail sales"),
            item(2, "电商价格监测 E-commerce price monitoring", "主要电商平台SKU日度价格与促销。Daily SKU prices and promotions on major e-commerce platforms.", Industry.RETAIL, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "零售/电商", API, LicenceTemplate.RESALE, PricingPlan.Kind.METERED, 3, "竞品定价 competitive pricing", "电商 price monitoring"),
            item(2, "消费券核销统计 Consumption voucher redemptions", "城市消费券分行业核销金额（聚合）。Voucher redemptions by sector, aggregated.", Industry.RETAIL, SourceType.PERSONAL, ClassificationLevel.GENERAL, "零售/消费", SANDBOX, LicenceTemplate.INTERNAL_ANALYSIS, PricingPlan.Kind.ONE_OFF, 70_000, "政策评估 policy evaluation", "消费券 voucher"),
            item(3, "工业设备故障样本库 Industrial equipment fault samples", "旋转机械振动故障标注样本。Labelled vibration fault samples from rotating machinery.", Industry.MANUFACTURING, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "制造/工业互联网", FILE, LicenceTemplate.DERIVED_PRODUCTS, PricingPlan.Kind.ONE_OFF, 420_000, "故障诊断模型训练 fault model training", "故障 fault vibration"),
            item(3, "钢材价格指数 Steel price index", "主要钢材品种分地区日度价格指数。Daily regional price index of main steel products.", Industry.MANUFACTURING, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "制造/大宗商品", API, LicenceTemplate.RESALE, PricingPlan.Kind.SUBSCRIPTION, 180_000, "采购决策 procurement decisions", "钢材 steel price"),
            item(1, "农产品批发价格 Agricultural wholesale prices", "全国农批市场蔬菜水果日度价格。Daily vegetable and fruit prices at wholesale markets.", Industry.AGRICULTURE, SourceType.PUBLIC, ClassificationLevel.GENERAL, "农业/价格", API, LicenceTemplate.DERIVED_PRODUCTS, PricingPlan.Kind.METERED, 2, "农产品供应链 agri supply chain", "农产品 agriculture price"),
            item(1, "土壤墒情监测 Soil moisture monitoring", "农田土壤墒情站逐日观测。Daily soil moisture from farmland stations.", Industry.AGRICULTURE, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "农业/墒情", FILE, LicenceTemplate.INTERNAL_ANALYSIS, PricingPlan.Kind.ONE_OFF, 110_000, "农业保险 crop insurance", "土壤 soil moisture"),
            item(0, "卫星遥感作物长势 Satellite crop condition", "基于哨兵卫星的县级作物长势指数。County crop condition index from Sentinel imagery.", Industry.AGRICULTURE, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "农业/遥感", FILE_API, LicenceTemplate.DERIVED_PRODUCTS, PricingPlan.Kind.SUBSCRIPTION, 390_000, "产量预估 yield estimation", "遥感 satellite crop"));

    /**
     * The parent of the demo's derived product: a licence of it (RESALE: derive, and sell what is derived, paying 10% of
     * each sale to its merchant) is bought by {@link #DERIVED}'s merchant through the store. Not in {@link #ITEMS}: the
     * demo's derivation lists it, and lists it again in a data directory made before it existed. A one-off energy file,
     * an industry and plan kind no other demo trade falls in, so the trade changes no demo product's comparables.
     */
    public static final Item DERIVATION_PARENT = item(2, "电动汽车充电行程能耗 EV trip energy consumption",
            "网约车与物流电动车逐行程耗电量、里程与充电记录（聚合到车型与城市）。Energy use, distance and charging per trip of ride-hailing and logistics EVs, aggregated by model and city.",
            Industry.ENERGY, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "能源/电动出行", FILE, LicenceTemplate.RESALE,
            PricingPlan.Kind.ONE_OFF, 60_000, "能耗指数编制 energy index compilation", "电动车 EV 能耗 energy");

    /** The demo's derived product: compiled by merchant 3 from its licence of {@link #DERIVATION_PARENT}. */
    public static final Item DERIVED = item(3, "城市电动出行能耗指数 Urban EV energy index",
            "由授权的充电行程能耗数据编制的城市月度电动出行能耗指数（衍生数据产品）。A monthly city index of EV energy use per 100 km, compiled from licensed trip energy data (a derived product).",
            Industry.ENERGY, SourceType.ENTERPRISE, ClassificationLevel.GENERAL, "能源/电动出行", FILE, LicenceTemplate.INTERNAL_ANALYSIS,
            PricingPlan.Kind.ONE_OFF, 30_000, "车队能效分析 fleet efficiency analysis", "电动车 EV 能耗指数 index");

    /** A small CSV sample as the demo data file of an item. */
    public static String sampleFile(Item item) {
        StringBuilder csv = new StringBuilder("time,region,value\n");
        for (int i = 0; i < 50; i++) {
            csv.append("2026-10-").append(String.format("%02d", 1 + i % 28)).append("T").append(String.format("%02d", i % 24))
                    .append(":00:00Z,CN-").append(i % 2 == 0 ? "SH" : "GD").append(',').append((item.title().hashCode() & 0xff) + i)
                    .append('\n');
        }
        return csv.toString();
    }

    public static List<Map<String, Object>> sampleRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("time", "2026-10-0" + (i + 1) + "T08:00:00Z");
            row.put("region", "CN-SH");
            row.put("value", 100 + i * 7);
            rows.add(row);
        }
        return rows;
    }

    public static LocalDate collectedFrom(Item item) {
        return LocalDate.of(2018 + Math.floorMod(item.title().hashCode(), 6), 1, 1);
    }
}
