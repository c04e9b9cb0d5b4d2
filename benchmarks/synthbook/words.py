"""Hand-written word lists for the synthetic book, where Faker has none in Latin script.

Faker's Arabic locales hold names in Arabic script only (and unvowelled script does not
transliterate into the spellings a bank's book holds), its Japanese romanised lists have
about fifty names each, and it has nothing for ship names or the stems of trading-company
names. Lists are whitespace-separated (``|``-separated where entries have spaces) to keep
this file short. Order matters where a list says it is ranked: the first entries are drawn
more often.
"""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    """Split a whitespace-separated list, or a ``|``-separated one if it has a ``|``."""
    parts = text.split("|") if "|" in text else text.split()
    return tuple(p.strip() for p in parts if p.strip())


# --- Arabic names as Gulf, Levant and Egyptian customers write them in Latin script.
# Ranked: Mohammed and its spellings lead by far, as in any Arab population.
ARABIC_GIVEN_MALE = words(
    """Mohammed Mohamed Muhammad Ahmed Ali Mohammad Abdullah Omar Khaled Hassan Ibrahim
    Youssef Mahmoud Mustafa Abdulrahman Hussein Saeed Khalid Faisal Tariq Hamza Sami Karim
    Nasser Fahad Sultan Majid Rashid Salem Saleh Waleed Adel Amr Tamer Hani Ayman Bilal
    Ziad Fadi Rami Samir Nabil Jamal Kamal Walid Yasser Osama Emad Hatem Ashraf Hesham
    Sherif Tarek Wael Hazem Maher Bassam Imad Jihad Marwan Nizar Raed Ghassan Issam Munir
    Anwar Zaid Yousef Yusuf Abdulaziz Abdulkarim Abdulhadi Abdelrahman Abdallah Suleiman
    Sulaiman Mansour Nawaf Turki Bandar Badr Mishal Saud Nayef Talal Abdulmajeed Hamad
    Hamdan Mubarak Obaid Rashed Humaid Jassim Jasim Ahmad Othman Idris Ismail Ayoub Zakaria
    Harun Musa Isa Yahya Ilyas Anas Moaz Muath Mazen Qusay Firas Laith Luay Nader Shadi
    Ammar Yazan Basel Bashar Hisham Akram Ihab Medhat Sayed Gamal Magdy Hosni Raafat Fathi
    Hamid Hamed Riyad Riad Murad Tawfiq Fouad Adnan Mahdi Jaber Abbas Haidar Qasim Kadhim"""
)
ARABIC_GIVEN_FEMALE = words(
    """Fatima Aisha Maryam Mariam Noor Nour Layla Leila Sara Sarah Huda Amal Hana Rania
    Reem Dina Lina Rana Salma Yasmin Yasmine Zainab Khadija Aaliyah Amira Asma Basma Dalia
    Eman Iman Farah Ghada Hala Heba Hiba Jana Jumana Lama Lubna Maha Manal Mona Muna Nada
    Nadia Najla Nawal Rasha Rawan Ruba Samar Samira Sana Suha Tala Wafa Yara Zahra Zeina
    Abeer Afaf Alia Bushra Doaa Esraa Ghadeer Hadeel Haya Lamia Lujain Malak Marwa Mayada
    Mervat Nesreen Noura Ola Raghad Randa Rim Safa Sahar Shaima Shahd Soha Wejdan"""
)
# Family names: tribal and place names (written with "Al-" by the generator) and plain ones.
ARABIC_FAMILY_AL = words(
    """Hashimi Mansouri Qahtani Otaibi Ghamdi Zahrani Shehri Dosari Mutairi Harbi Anazi Shammari
    Subaie Rashidi Qurashi Maliki Najjar Kuwari Marri Thani Nuaimi Mazrouei Suwaidi Falasi
    Ketbi Dhaheri Mheiri Shamsi Hammadi Kaabi Muhairi Zaabi Balushi Hinai Busaidi Rawahi
    Harthi Amri Kindi Farsi Jaber Khalifa Sabah Saud Zayani Khalil Tamimi Masri Halabi
    Shami Baghdadi Basri Mosuli Tikriti Jubouri Dulaimi Obaidi Azzawi Khafaji Saadi Janabi
    Hakim Sayegh Haddad Khoury Qasimi Rumaithi Bloushi Yafei Hadrami Aidarous Attas Saqqaf
    Madani Makki Ansari Asadi Ayoubi Bakri Farouqi Ghazali Hamadani Hussaini Jazairi Kurdi
    Laham Maghribi Nabulsi Qudsi Ramli Shishani Tarabulsi Yamani Zoubi Momani Khatib Sharif
    Omari Khatri Jundi Baz Rifai Sadr Majali Fayez Tall Rawabdeh Bataineh Hindawi Nimri"""
)
ARABIC_FAMILY_PLAIN = words(
    """Hassan Hussein Abdullah Rahman Khalil Haddad Mansour Saleh Nasser Aziz Ibrahim Youssef
    Mahmoud Mustafa Osman Othman Suleiman Kassem Qassem Hamdan Darwish Barakat Shaheen Nassar
    Khoury Haddad Bitar Sabbagh Karam Nasr Farouk Ghanem Hamoud Jaber Kanaan Maalouf Nakhleh
    Saad Sabra Salameh Tannous Zaher Zidan Abboud Assaf Daher Fakhoury Habib Hajjar Hammoud
    Jabbour Kattan Mikhail Mourad Najm Rizk Sarkis Shalhoub Younes Abdelaziz Abdelhamid
    Abdelkader Abdelmalek Abdelsalam Abdelwahab Elsayed Eldin Elshamy Fahmy Ghoneim Hegazy
    Helmy Kamel Mansy Metwally Moussa Ragab Ramadan Rashad Sabry Shawky Soliman Taha Zaki"""
)

# --- Japanese names, Hepburn without macrons, added to Faker's ja_JP romanised lists.
# Ranked roughly by frequency after Faker's fifty.
JAPANESE_FAMILY = words(
    """Ueda Morita Hara Shibata Sakai Kudo Yokoyama Miyazaki Miyamoto Uchida Takagi Ando
    Taniguchi Ohno Maruyama Imai Takada Fujimoto Takeda Murata Ueno Sugiyama Masuda Sugawara
    Hirano Otsuka Chiba Kubo Matsui Iwasaki Sakurai Kinoshita Noguchi Matsuo Nomura Kikuchi
    Sano Onishi Sugimoto Arai Hamada Ichikawa Furukawa Mizuno Komatsu Shimada Kojima Takano
    Yamauchi Nishida Kikuchi Kuwahara Okabe Hirata Kawaguchi Kawasaki Iida Yoshikawa Tsuji
    Yasuda Nakano Kubota Kono Kawamura Higuchi Tamura Nakayama Ishida Ogura Kurata Oshima
    Horie Fukushima Nagai Tsuchiya Akiyama Aoyama Yoshimura Kaneko Nishikawa Mochizuki Honda
    Nagata Kataoka Sekiguchi Kitamura Miyake Okazaki Otani Hattori Nakata Hirose Izumi"""
)
JAPANESE_GIVEN_MALE = words(
    """Hiroshi Takashi Kenji Satoshi Makoto Kazuki Daisuke Ryota Yusuke Tatsuya Hiroki Kenta
    Takuya Shinji Masato Koji Tetsuya Kazuo Toshio Yoshio Shigeru Isamu Noboru Susumu Akio
    Haruto Sota Yuto Riku Hinata Ren Minato Kaito Yamato Sho Kei Ken Go Masahiro Nobuyuki
    Tadashi Yoshihiro Hideo Masaru Tomohiro Kazuhiro Naoya Junichi Shinichi Yuichi Koichi
    Ryuji Keisuke Kosuke Shunsuke Daiki Takeshi Tsuyoshi Katsuya Hayato Yoshiaki"""
)
JAPANESE_GIVEN_FEMALE = words(
    """Yoko Keiko Tomoko Kyoko Michiko Sachiko Hiroko Junko Kazuko Mayumi Naomi Megumi Ayumi
    Yumi Emi Mika Aya Ayaka Misaki Nana Yuka Yuko Akiko Noriko Masako Emiko Chie Kaori Erika
    Hina Yuna Sakura Mio Rin Aoi Himari Mei Yui Koharu Miyu Saki Nozomi Rie Eri Asami Natsuki
    Haruna Chihiro Shiori Madoka Risa Miho Kumi Tomomi Fumiko Setsuko Reiko"""
)

# --- Korean: conventional (passport-style) spellings, which most South Koreans use
# instead of strict Revised Romanisation. Surnames: spellings with weights.
KOREAN_SURNAME_SPELLINGS: dict[str, tuple[tuple[str, float], ...]] = {
    "김": (("Kim", 1.0),),
    "이": (("Lee", 0.82), ("Yi", 0.1), ("Rhee", 0.05), ("I", 0.03)),
    "박": (("Park", 0.9), ("Pak", 0.05), ("Bak", 0.05)),
    "정": (("Jung", 0.5), ("Jeong", 0.35), ("Chung", 0.15)),
    "최": (("Choi", 0.92), ("Choe", 0.08)),
    "조": (("Cho", 0.8), ("Jo", 0.2)),
    "강": (("Kang", 0.95), ("Gang", 0.05)),
    "윤": (("Yoon", 0.6), ("Yun", 0.4)),
    "장": (("Jang", 0.6), ("Chang", 0.4)),
    "임": (("Lim", 0.7), ("Im", 0.2), ("Yim", 0.1)),
    "한": (("Han", 1.0),),
    "오": (("Oh", 0.9), ("O", 0.1)),
    "서": (("Seo", 0.7), ("Suh", 0.3)),
    "신": (("Shin", 0.85), ("Sin", 0.15)),
    "권": (("Kwon", 0.9), ("Gwon", 0.1)),
    "황": (("Hwang", 1.0),),
    "안": (("Ahn", 0.7), ("An", 0.3)),
    "송": (("Song", 1.0),),
    "류": (("Ryu", 0.5), ("Yoo", 0.3), ("Yu", 0.2)),
    "전": (("Jeon", 0.6), ("Chun", 0.3), ("Jun", 0.1)),
    "홍": (("Hong", 1.0),),
    "고": (("Ko", 0.7), ("Koh", 0.2), ("Go", 0.1)),
    "문": (("Moon", 0.8), ("Mun", 0.2)),
    "양": (("Yang", 1.0),),
    "손": (("Son", 0.7), ("Sohn", 0.3)),
    "배": (("Bae", 0.9), ("Pae", 0.1)),
    "백": (("Baek", 0.6), ("Paik", 0.3), ("Paek", 0.1)),
    "허": (("Heo", 0.6), ("Huh", 0.4)),
    "유": (("Yoo", 0.6), ("Yu", 0.4)),
    "남": (("Nam", 1.0),),
    "심": (("Shim", 0.7), ("Sim", 0.3)),
    "노": (("Noh", 0.6), ("Roh", 0.3), ("No", 0.1)),
    "하": (("Ha", 1.0),),
    "곽": (("Kwak", 1.0),),
    "성": (("Sung", 0.8), ("Seong", 0.2)),
    "차": (("Cha", 1.0),),
    "주": (("Joo", 0.6), ("Ju", 0.3), ("Chu", 0.1)),
    "우": (("Woo", 1.0),),
    "구": (("Koo", 0.7), ("Ku", 0.2), ("Gu", 0.1)),
    "나": (("Na", 0.7), ("Ra", 0.3)),
    "민": (("Min", 1.0),),
    "진": (("Jin", 0.8), ("Chin", 0.2)),
    "지": (("Ji", 0.8), ("Chi", 0.2)),
    "엄": (("Um", 0.6), ("Eom", 0.4)),
}
# Given-name syllables in the conventional spelling; others fall back to Revised Romanisation.
KOREAN_SYLLABLE_CONVENTIONAL: dict[str, str] = {
    pair[0]: pair[2:]
    for pair in words(
        """경=kyung 성=sung 영=young 정=jung 석=suk 현=hyun 준=joon 은=eun 희=hee 수=soo
        우=woo 훈=hoon 철=chul 광=kwang 승=seung 혁=hyuk 병=byung 종=jong 명=myung 숙=sook
        순=soon 혜=hye 연=yeon 윤=yoon 주=joo 원=won 용=yong 태=tae 규=kyu 근=keun 식=sik
        환=hwan 웅=woong 건=gun 예=ye 아=ah 름=reum 선=sun 채=chae 춘=choon 상=sang 재=jae
        동=dong 민=min 서=seo 지=ji 진=jin 호=ho 일=il 길=gil 남=nam"""
    )
}

# --- Chinese surnames as Hong Kong, Macau and Singapore customers spell them (Cantonese,
# Hokkien and Teochew readings), ranked.
SOUTHERN_CHINESE_FAMILY = words(
    """Chan Wong Lee Cheung Lau Leung Ng Ho Lam Tang Yip Tsang Chow Kwok Lai Mak Choi Fung
    Yeung Lo Siu Tse Cheng Yuen Tam Ma Poon Chu Hui Kwan So Au Fong Wu Lui Tsui Ko Kong
    Yu Chung Law Man Wan Cheuk Tan Lim Teo Goh Ong Chua Koh Sim Yeo Toh Seah Heng Quek Lew"""
)

# --- Company names.
COMPANY_STEMS = words(
    """Global Pacific Atlantic Northern Eastern Western Southern Golden Silver Blue Ocean
    Harbor Harbour Summit Pioneer United Allied Premier Royal Star Sun Green Red Bright
    Dragon Phoenix Lotus Crystal Iron Apex Zenith Meridian Horizon Vanguard Sterling Crown
    Emerald Sapphire Ruby Diamond Pearl Jade Coral Amber Orion Polaris Vega Atlas Titan
    Nova Stellar Solar Lunar Aurora Delta Sigma Omega Alpha Beta Gamma Kappa Prime Cardinal
    Capital Heritage Liberty Unity Harmony Concord Fortune Prosperity Triumph Victory Eagle
    Falcon Hawk Lion Tiger Panther Dolphin Whale Orca Anchor Compass Beacon Lighthouse
    Bridge Gateway Portal Crossroads Cornerstone Keystone Landmark Milestone Evergreen Oak
    Cedar Maple Pine Willow Bamboo Cypress Olive Palm Lotus Orchid Magnolia Rose Tulip
    River Lake Bay Cape Island Coast Shore Delta Valley Ridge Mountain Highland Plateau
    Continental Intercontinental Transworld Worldwide Universal International National
    Metropolitan Regional Federal Imperial Sovereign Noble Grand Great First Central Trans
    Euro Asia Afro Sino Indo Nordic Baltic Adriatic Aegean Caspian Arabian Gulf Levant
    Silk Spice Caravan Monsoon Trade Wind Tidal Coastal Inland Overseas Offshore Seaboard
    Swift Rapid Express Dynamic Smart Clear True Pure Prime Core Vertex Matrix Nexus Vector
    Quantum Fusion Synergy Integral Optima Maxima Ultima Infinity Eternal Legacy Genesis"""
)
INDUSTRIES = words(
    """Trading|Shipping|Logistics|Holdings|Industries|Energy|Petroleum|Metals|Textiles|Foods|
    Electronics|Capital|Investment|Investments|Marine|Maritime|Resources|Mining|Chemicals|
    Agro|Tech|Technologies|Construction|Engineering|Pharmaceuticals|Consulting|Properties|
    Real Estate|Finance|Insurance|Import Export|Commodities|Fisheries|Steel|Cement|Plastics|
    Auto Parts|Machinery|Garments|Seafood|Tobacco|Telecom|Software|Systems|Solutions|
    Ventures|Partners|Enterprises|Group|Supply|Distribution|Freight|Tankers|Bulk Carriers|
    Ship Management|Chartering|Petrochemicals|Gas|Power|Aviation|Medical|Healthcare|Media|
    Travel|Security|Trust|Leasing|Development|Infrastructure|Agriculture|Grain|Timber|
    Paper|Packaging|Minerals|Oil & Gas|Navigation|Ship Agency|Forwarding|Containers|
    Warehousing|Refining|Fertilizers|Rubber|Coal|Gold|Diamonds|Jewellery|Apparel|Motors"""
)
LEGAL_FORMS = words(
    """Ltd|Limited|LLC|L.L.C.|Inc.|Corp.|Corporation|Co., Ltd.|Co. Ltd|GmbH|GmbH & Co. KG|
    AG|S.A.|S.A. de C.V.|S.L.|S.p.A.|S.r.l.|SARL|SAS|B.V.|N.V.|JSC|PJSC|PLC|Pte Ltd|
    Pte. Ltd.|Sdn Bhd|FZE|FZCO|FZ-LLC|W.L.L.|K.K.|Pty Ltd|AB|A/S|AS|Oy|Sp. z o.o.|Kft.|
    s.r.o.|LLP|LP|DMCC|S.A.L.|Ltda.|S.A.S.|Co.|Company|Limited Partnership|OÜ"""
)
JAPANESE_COMPANY_WORDS = words(
    """Shoji Sangyo Kogyo Kaiun Shokai Bussan Denki Seiko Kisen Tsusho Kensetsu Unyu Suisan
    Seisakusho Koeki Boeki Kasei Shoken Kosan Tekko"""
)
RUSSIAN_COMPANY_PREFIXES = words("OOO OOO OOO AO AO ZAO PAO OAO TOO NPO")
# Russian trade names are mostly compounds (Sibneft, Uralstroy), romanised.
RUSSIAN_NAME_HEADS = words(
    """Ros Sib Ural Volga Dal Sever Yug Balt Mosk Neva Kuban Tat Bash Prim Zapsib Don Kama
    Angara Amur Yenisey Altay Kola Pechora Ob Irtysh Lena Onega Ladoga Vyatka Oka"""
)
RUSSIAN_NAME_TAILS = words(
    """neft gaz stroy trans prom invest torg snab avto agro tekh metall les ryba energo servis
    flot mash khim tsvetmet ugol zoloto kom leasing bank strakh port sudo"""
)

# --- Ship names.
SHIP_ADJECTIVES = words(
    """Ocean Sea Pacific Atlantic Indian Arctic Nordic Baltic Golden Silver Royal Grand Great
    Blue Green White Black Red Crimson Bright Brave Bold Noble Lucky Happy Gentle Swift Fair
    Morning Evening Northern Southern Eastern Western Polar Tropical Coral Crystal Diamond
    Emerald Sapphire Ruby Jade Ivory Amber Star Sun Moon Sky Storm Thunder Wind Cloud Wave
    Tide Island Cape Harbour Global United Orient Pearl Jasmine Orchid Lotus Dragon Phoenix
    Eagle Falcon Albatross Seagull Dolphin Whale Marlin Tuna Neptune Mercury Jupiter Saturn"""
)
SHIP_NOUNS = words(
    """Star Glory Fortune Harmony Grace Spirit Pride Victory Dawn Pearl Horizon Voyager
    Explorer Navigator Trader Carrier Express Queen King Princess Prince Duke Duchess Lady
    Emperor Empress Crown Jewel Treasure Dream Hope Faith Promise Destiny Legend Venture
    Pioneer Challenger Endeavour Discovery Enterprise Liberty Freedom Unity Alliance Ace
    Champion Hero Warrior Guardian Sentinel Ranger Pilot Mariner Sailor Clipper Breeze
    Gale Tempest Current Stream Bay Sound Strait Passage Bridge Gate Highway Trail Path
    Light Beacon Flame Fire Blaze Spark Radiance Splendour Majesty Triumph Success Prosperity
    Wealth Bounty Blessing Miracle Wonder Serenity Tranquility Bliss Joy Delight Charm"""
)
SHIP_MYTH = words(
    """Poseidon Athena Aphrodite Hermes Apollo Artemis Ares Zeus Hera Triton Nereus Thetis
    Calypso Odysseus Achilles Ajax Hector Penelope Electra Ariadne Theseus Perseus Andromeda
    Jason Argonaut Orion Atlas Prometheus Helios Selene Eos Nike Iris Hestia Demeter
    Persephone Hyperion Kronos Rhea Gaia Oceanus Tethys Amphitrite Galatea Medea Cassandra
    Antigone Icarus Daedalus Pegasus Hercules Heracles Argo Minerva Juno Diana Aurora
    Aeolus Boreas Zephyros Nereid Sirius Castor Pollux Leda Europa Io Callisto Ganymede"""
)
SHIP_PLACES = words(
    """Aegean|Ionian|Kefalonia|Chios|Andros|Syros|Mykonos|Santorini|Crete|Rhodes|Lesvos|
    Samos|Kythira|Hydra|Spetses|Piraeus|Patmos|Naxos|Paros|Corfu|Zakynthos|Ithaca|Kos|
    Singapore|Rotterdam|Hamburg|Busan|Shanghai|Ningbo|Qingdao|Dalian|Tianjin|Yokohama|
    Kobe|Nagoya|Antwerp|Le Havre|Genoa|Valencia|Algeciras|Santos|Durban|Mombasa|Jeddah|
    Dubai|Fujairah|Salalah|Colombo|Chennai|Mumbai|Karachi|Manila|Jakarta|Haiphong|Malacca|
    Gibraltar|Panama|Suez|Bosphorus|Baltic|Adriatic|Caribbean|Atlantic|Pacific|Aden|Oman|
    Hormuz|Sumatra|Java|Borneo|Luzon|Tasman|Bering|Azores|Madeira|Canary|Lisbon|Oslo|
    Bergen|Gdansk|Riga|Tallinn|Helsinki|Stockholm|Malmo|Aarhus|Bremen|Marseille|Naples|
    Trieste|Izmir|Odessa|Novorossiysk|Constanta|Varna|Alexandria|Tangier|Dakar|Lagos|
    Abidjan|Luanda|Walvis Bay|Cape Town|Port Louis|Fremantle|Brisbane|Auckland|Vancouver|
    Seattle|Houston|Savannah|Halifax|Callao|Valparaiso|Cartagena|Veracruz|Kingston"""
)
SHIP_CHINESE_SYLLABLES = words(
    """Hai Yang Feng Shun Da Tong Xin Fu Hua Jin Long Ming An Ping Sheng Tai Yuan Kang Rong
    Chang Heng Xing Hong Jia Bao Guang Ji Hui Zhou Hang Yun De Li Cheng Hao Tian Sheng Wan
    Hong Xiang Rui Qiang Mei Ning Yong Zhong Guo Dong Nan Bei Xi"""
)
SHIP_JAPANESE_WORDS = words(
    """Shinyo Koyo Taiyo Eiko Nissho Kaiun Fuji Sakura Hokuto Kaiho Ryusei Asahi Hikari Kotobuki
    Tenyo Seiyo Shoyo Eishin Hoyo Kinsei Meiyo Toyo Nichiyo Wakaba Kiku Tsubaki Daito Daikichi
    Eifuku Fukuyo Fukuju Genyo Hakuyo Heiwa Hinode Hoei Hokuyo Kaiyo Kenyo Kiyo Koei Kofuku
    Kompira Kyokuyo Matsu Meisho Nanyo Nisshin Ryuyo Sanyo Seiho Senyo Shofuku Shoei Suiko
    Taisei Takara Tokuyo Tomi Wakamatsu Yamato Yoshino Zuiho"""
)
JAPANESE_PLACES = words(
    """Tokyo Osaka Yokohama Kobe Nagoya Hiroshima Fukuoka Sendai Sapporo Niigata Chiba Shizuoka
    Okayama Kumamoto Kagoshima Nagasaki Hakodate Shimonoseki Imabari Onomichi Kure Sasebo
    Kitakyushu Muroran Tomakomai Kushiro Kanazawa Toyama Wakayama Tokushima Matsuyama Kochi
    Naha Oita Miyazaki Yokkaichi Kawasaki Sakai Himeji Hachinohe"""
)
SHIP_LINE_PREFIXES = words(
    """Nord Sea Star Cape Clipper Atlantic Pacific Ocean Nordic Eagle Orient Gulf Hellas
    Aegean Olympic Delta Alpha Seven Blue Golden Marine Arctic Global"""
)
