-- Product titles and descriptions in Chinese and English as separate fields (issue 15). The existing columns title and
-- description are the Chinese text every product already had (a merchant of a Chinese exchange writes Chinese first);
-- the English ones start empty, and the store shows the Chinese text until the merchant writes the English.
ALTER TABLE product ADD COLUMN title_en VARCHAR(200) DEFAULT '' NOT NULL;
ALTER TABLE product ADD COLUMN description_en VARCHAR(8000) DEFAULT '' NOT NULL;
