// Deterministic fake personal data: Chinese names, mobile numbers, birth dates, village names.
import type { Gender } from "../schema";
import type { Rng } from "./random";

// Common surnames, weighted towards Zhejiang (repeats make a surname more frequent).
const SURNAMES = [
  ..."王王王陈陈陈张张李李徐徐周周吴吴金金朱朱杨沈孙胡黄钱俞方叶蒋潘何林赵章施汪应郑姚楼邵余",
  ..."刘许冯韩丁袁邱蔡范傅毛戴严洪谢程高罗梁宋唐曹鲍盛童翁骆夏钟陆倪",
];

const MALE_GIVEN = [..."伟强军明杰斌涛勇建国平华峰磊超俊浩宇鹏飞志文斌刚辉海波永林东晨晓宏亮锋彬凯"];
const FEMALE_GIVEN = [..."芳娟敏静丽艳玲婷燕霞萍红雪琳洁慧佳颖倩琴莉萌月璐瑶怡欣丹蕾露雯婧"];

export function chineseName(rng: Rng, gender: Gender): string {
  const pool = gender === "male" ? MALE_GIVEN : FEMALE_GIVEN;
  const surname = rng.pick(SURNAMES);
  // About a quarter of given names have one character (王芳), the rest two (王晓燕).
  return rng.chance(0.25) ? surname + rng.pick(pool) : surname + rng.pick(pool) + rng.pick(pool);
}

/** "YYYY-MM-DD" in [fromYear, toYear]; day capped at 28 so every month is valid. */
export function birthDate(rng: Rng, fromYear: number, toYear: number): string {
  const year = rng.int(fromYear, toYear);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const MOBILE_PREFIXES = [
  "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155",
  "156", "157", "158", "159", "170", "173", "175", "176", "177", "178", "180", "181", "182", "183",
  "185", "186", "187", "188", "189", "191", "193", "195", "198", "199",
];

/**
 * A unique 11-digit mobile number per serial (for serials below 10^8): the suffix is an affine
 * map modulo 10^8 with a multiplier coprime to 10^8, so it is a bijection and never repeats, while
 * consecutive serials still look unrelated.
 */
export function mobileOfSerial(serial: number): string {
  const prefix = MOBILE_PREFIXES[serial % MOBILE_PREFIXES.length];
  const suffix = (serial * 37_197_791 + 31_415_926) % 100_000_000;
  return prefix + String(suffix).padStart(8, "0");
}

const PLACE_FIRST = [..."青枫桃新东西南北金玉双石龙凤白翠清长安和兴华梅竹松云"];
const PLACE_SECOND = [..."山林源溪桥塘湖岭坞浦港园苑湾庄畈口坪里渡埠岙墩"];

/**
 * `count` distinct village/community names for one town. Streets (街道) are mostly urban
 * communities (社区), towns and townships (镇/乡) mostly villages (村).
 */
export function villageNames(rng: Rng, count: number, isStreet: boolean): string[] {
  const stems = new Set<string>();
  while (stems.size < count) stems.add(rng.pick(PLACE_FIRST) + rng.pick(PLACE_SECOND));
  return [...stems].map((stem) => {
    const community = isStreet ? rng.chance(0.85) : rng.chance(0.15);
    return stem + (community ? "社区" : "村");
  });
}
