"""Sino-Korean readings of the Chinese characters (hanja) common in Korean names.

Chinese-language sources write Korean names in characters: 金正恩 is Kim Jong
Un, 崔龍海 is Choe Ryong Hae. ICU reads them as Mandarin (jin zheng en), which
matches nothing, so we read them the Korean way, syllable by syllable, with
DPRK spellings (initial ㄹ kept: 李 → 리, 龍 → 룡). The table covers surnames
and frequent given-name characters; a name with any character outside it is
left to ICU's Mandarin reading.
"""

from __future__ import annotations

__all__ = ["korean_reading"]

# Surname readings (first character) where they differ from the given-name one.
_SURNAME = {
    "金": "김",
    "李": "리",
    "林": "림",
    "柳": "류",
    "劉": "류",
    "羅": "라",
    "盧": "로",
    "呂": "려",
    "梁": "량",
}

_PAIRS = (
    "金금李리朴박崔최鄭정姜강趙조尹윤張장林림韓한吳오徐서申신權권黃황安안宋송全전洪홍"
    "柳류高고文문梁량孫손裵배白백許허劉류南남沈심盧로河하丁정成성車차具구禹우朱주任임"
    "羅라辛신閔민陳진池지嚴엄元원蔡채千천方방玄현孔공康강咸함卞변楊양廉렴邊변呂려秋추"
    "魯로都도蘇소愼신石석宣선薛설馬마吉길周주延연房방魏위表표明명奇기潘반王왕琴금玉옥"
    "陸륙印인孟맹諸제卓탁秦진太태桂계片편龐방皮피奉봉睦목殷은"
    "正정恩은日일哲철浩호鎬호虎호源원遠원永영英영榮영泳영秀수洙수守수壽수植식萬만建건"
    "健건乾건龍룡海해炳병與여汝여女녀京경敬경慶경景경擇택澤택善선姬희熙희喜희希희東동"
    "國국光광一일逸일勇용容용用용雄웅雲운云운春춘忠충俊준峻준准준鐘종宗종種종淳순順순"
    "純순信신新신民민敏민珉민泰태鉉현賢현顯현炫현赫혁革혁學학弘홍和화花화華화化화煥환"
    "桓환輝휘勳훈薰훈興흥基기起기紀기根근錦금今금徹철鐵철喆철式식湜식寬관官관冠관貫관"
    "觀관廣광珖광奎규圭규揆규均균極극克극寧녕德덕悳덕道도度도斗두得득登등樂락洛락蘭란"
    "來래亮량良량烈렬列렬禮례祿록隆륭倫륜律률利리理리里리麟린滿만晩만勉면命명鳴명模모"
    "武무茂무汶문美미微미密밀博박範범法법碧벽秉병柄병丙병寶보輔보福복復복鳳봉逢봉富부"
    "芙부斌빈彬빈士사思사師사山산三삼相상尙상祥상商상常상瑞서錫석碩석先선仙선璇선燮섭"
    "星성聖성誠성盛성世세小소昭소松송修수樹수淑숙肅숙舜순珣순承승昇승勝승時시始시辰진"
    "實실心심岩암愛애陽양彦언業업然연淵연燕연蓮련映영完완旺왕堯요耀요友우宇우佑우祐우"
    "雨우旭욱昱욱熊웅苑원月월偉위潤윤允윤胤윤銀은乙을義의宜의儀의翼익益익仁인寅인壹일"
    "子자慈자長장章장在재載재哉재才재材재宰재傳전典전點점貞정廷정晶정庭정政정靜정濟제"
    "齊제祚조照조朝조鍾종柱주宙주濬준仲중重중中중智지志지之지址지鎭진珍진眞진振진晋진"
    "進진淸청靑청初초超초總총出출就취治치致치七칠宅택判판平평杓표豊풍弼필必필夏하鶴학"
    "漢한翰한恒항亥해香향惠혜慧혜昊호豪호好호紅홍晃황會회孝효厚후烋휴禧희九구奎규"
    "炯형亨형衡형馨형亨형虎호鎬호湖호皓호昊호浩호洙수壽수善선燦찬贊찬昌창彰창蒼창"
    "天천川천泉천哲철天천鐵철淸청靑청贊찬"
)
_READINGS: dict[str, str] = {_PAIRS[i]: _PAIRS[i + 1] for i in range(0, len(_PAIRS) - 1, 2)}


def korean_reading(text: str) -> str | None:
    """Hangul reading of a Korean name written in hanja, or None if any character is unknown.

    Only short names (2-4 characters, spaces ignored) are read: longer Han text is
    a company or a Chinese name, for which ICU's Mandarin reading is right.
    """
    chars = [ch for ch in text if not ch.isspace()]
    if not 2 <= len(chars) <= 4:
        return None
    out: list[str] = []
    for i, ch in enumerate(chars):
        reading = _SURNAME.get(ch) if i == 0 else None
        reading = reading or _READINGS.get(ch)
        if reading is None:
            return None
        out.append(reading)
    return "".join(out)
