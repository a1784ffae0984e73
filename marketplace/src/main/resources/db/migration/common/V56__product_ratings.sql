-- Ratings (issue 17): a buyer organisation rates a product once per delivered order (1-5 stars and a short text); the
-- merchant answers once. Moderation: a text (rating or answer) with a word of exchange.ratings.blocked-words is held
-- (not shown) and queued for the operator; a report by the order's buyer or the product's merchant queues the rating
-- while it stays shown. The operator keeps (shown again) or hides (never shown, its stars not counted).
CREATE TABLE product_rating (
    id                VARCHAR(36)   PRIMARY KEY,
    order_id          VARCHAR(36)   NOT NULL REFERENCES purchase_order (id),
    product_id        VARCHAR(36)   NOT NULL REFERENCES product (id),
    merchant_org_id   VARCHAR(36)   NOT NULL REFERENCES organisation (id),
    buyer_org_id      VARCHAR(36)   NOT NULL REFERENCES organisation (id),
    buyer_username    VARCHAR(64)   NOT NULL,
    stars             INT           NOT NULL,
    body              VARCHAR(500)  NOT NULL,
    reply             VARCHAR(500),
    replied_by        VARCHAR(64),
    replied_at        TIMESTAMP WITH TIME ZONE,
    moderation        VARCHAR(16)   NOT NULL,
    held              BOOLEAN       NOT NULL,
    moderation_note   VARCHAR(500),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT product_rating_one_per_order UNIQUE (order_id),
    CONSTRAINT product_rating_stars CHECK (stars BETWEEN 1 AND 5),
    CONSTRAINT product_rating_moderation CHECK (moderation IN ('NONE', 'QUEUED', 'KEPT', 'HIDDEN'))
);
CREATE INDEX product_rating_product ON product_rating (product_id, created_at);
CREATE INDEX product_rating_merchant ON product_rating (merchant_org_id, created_at);
CREATE INDEX product_rating_queue ON product_rating (moderation, updated_at);

CREATE TABLE rating_report (
    id                VARCHAR(36)   PRIMARY KEY,
    rating_id         VARCHAR(36)   NOT NULL REFERENCES product_rating (id),
    reporter_username VARCHAR(64)   NOT NULL,
    reporter_role     VARCHAR(16)   NOT NULL,
    reason            VARCHAR(500)  NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT rating_report_once UNIQUE (rating_id, reporter_username)
);
CREATE INDEX rating_report_rating ON rating_report (rating_id);
