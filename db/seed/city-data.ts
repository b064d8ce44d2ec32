// Static data of the demo city, shaped like Hangzhou after the 2021 district reform: the bureau,
// its 13 districts/counties and their towns and streets (乡镇/街道). Codes are stable ASCII keys
// ("hz", "hz-xh", "hz-xh-t07") so re-imports and tests can find units without relying on ids.

export interface DistrictData {
  /** Short ASCII key; the unit code is `hz-${key}`. */
  key: string;
  name: string;
  /** Town and street names in their official order; town codes are `hz-${key}-tNN` (1-based). */
  towns: readonly string[];
}

export const CITY = { name: "杭州市应急管理局", code: "hz" } as const;

export const DISTRICTS: readonly DistrictData[] = [
  {
    key: "sc",
    name: "上城区",
    towns: [
      "湖滨街道", "清波街道", "小营街道", "望江街道", "南星街道", "紫阳街道", "采荷街道",
      "凯旋街道", "闸弄口街道", "四季青街道", "笕桥街道", "彭埠街道", "九堡街道", "丁兰街道",
    ],
  },
  {
    key: "gs",
    name: "拱墅区",
    towns: [
      "武林街道", "天水街道", "朝晖街道", "潮鸣街道", "长庆街道", "石桥街道", "东新街道",
      "文晖街道", "米市巷街道", "湖墅街道", "小河街道", "和睦街道", "拱宸桥街道", "大关街道",
      "上塘街道", "祥符街道", "康桥街道", "半山街道",
    ],
  },
  {
    key: "xh",
    name: "西湖区",
    towns: [
      "北山街道", "西溪街道", "灵隐街道", "翠苑街道", "文新街道", "古荡街道", "西湖街道",
      "留下街道", "转塘街道", "蒋村街道", "三墩镇", "双浦镇",
    ],
  },
  { key: "bj", name: "滨江区", towns: ["西兴街道", "长河街道", "浦沿街道"] },
  {
    key: "xs",
    name: "萧山区",
    towns: [
      "城厢街道", "北干街道", "蜀山街道", "新塘街道", "靖江街道", "南阳街道", "闻堰街道",
      "宁围街道", "新街街道", "盈丰街道", "瓜沥镇", "衙前镇", "益农镇", "党湾镇", "所前镇",
      "义桥镇", "临浦镇", "浦阳镇", "进化镇", "戴村镇", "河上镇", "楼塔镇",
    ],
  },
  {
    key: "yh",
    name: "余杭区",
    towns: [
      "五常街道", "仓前街道", "余杭街道", "闲林街道", "中泰街道", "仁和街道", "良渚街道",
      "瓶窑镇", "径山镇", "黄湖镇", "鸬鸟镇", "百丈镇",
    ],
  },
  {
    key: "lp",
    name: "临平区",
    towns: ["临平街道", "东湖街道", "南苑街道", "星桥街道", "乔司街道", "运河街道", "崇贤街道", "塘栖镇"],
  },
  {
    key: "qt",
    name: "钱塘区",
    towns: ["下沙街道", "白杨街道", "河庄街道", "义蓬街道", "新湾街道", "临江街道", "前进街道"],
  },
  {
    key: "fy",
    name: "富阳区",
    towns: [
      "富春街道", "春江街道", "东洲街道", "鹿山街道", "银湖街道", "新登镇", "胥口镇", "万市镇",
      "洞桥镇", "渌渚镇", "永昌镇", "里山镇", "常绿镇", "场口镇", "常安镇", "大源镇", "灵桥镇",
      "龙门镇", "春建乡", "新桐乡", "上官乡", "环山乡", "湖源乡", "渔山乡",
    ],
  },
  {
    key: "la",
    name: "临安区",
    towns: [
      "锦城街道", "锦北街道", "锦南街道", "玲珑街道", "青山湖街道", "太湖源镇", "於潜镇",
      "天目山镇", "太阳镇", "潜川镇", "昌化镇", "龙岗镇", "河桥镇", "湍口镇", "清凉峰镇",
      "岛石镇", "板桥镇", "高虹镇",
    ],
  },
  {
    key: "tl",
    name: "桐庐县",
    towns: [
      "城南街道", "旧县街道", "桐君街道", "凤川街道", "富春江镇", "横村镇", "分水镇", "瑶琳镇",
      "百江镇", "江南镇", "莪山畲族乡", "钟山乡", "新合乡", "合村乡",
    ],
  },
  {
    key: "ca",
    name: "淳安县",
    towns: [
      "千岛湖镇", "文昌镇", "石林镇", "临岐镇", "威坪镇", "姜家镇", "梓桐镇", "汾口镇", "中洲镇",
      "大墅镇", "枫树岭镇", "里商乡", "金峰乡", "富文乡", "左口乡", "屏门乡", "瑶山乡", "王阜乡",
      "宋村乡", "鸠坑乡", "浪川乡", "界首乡", "安阳乡",
    ],
  },
  {
    key: "jd",
    name: "建德市",
    towns: [
      "新安江街道", "洋溪街道", "更楼街道", "梅城镇", "乾潭镇", "寿昌镇", "航头镇", "大慈岩镇",
      "大同镇", "李家镇", "三都镇", "杨村桥镇", "下涯镇", "大洋镇", "莲花镇", "钦堂乡",
    ],
  },
];

/** The four training tiers of the syllabus (分层分级), in display order. */
export const TRAINING_TIERS = [
  { code: "chief", name: "站(队)长", sort_order: 1 },
  { code: "staff", name: "工作人员", sort_order: 2 },
  { code: "grid", name: "村社网格员", sort_order: 3 },
  { code: "cadre", name: "机关干部", sort_order: 4 },
] as const;

export type TierCode = (typeof TRAINING_TIERS)[number]["code"];

export const STATION_COUNT = 95;
export const FIRE_TEAM_COUNT = 26;

/** The demo manager's station sits in this town, and the demo trainee in one of its villages. */
export const DEMO_TOWN = { districtKey: "xh", name: "转塘街道" } as const;

export const districtCode = (key: string): string => `${CITY.code}-${key}`;
export const townCode = (key: string, index: number): string =>
  `${districtCode(key)}-t${String(index + 1).padStart(2, "0")}`;
