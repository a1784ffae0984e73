-- Organisations and the accounts that act for them. A merchant or buyer organisation is identified by
-- its unified social credit code (统一社会信用代码); the operator and the regulator are organisations too.
CREATE TABLE organisation (
    id           VARCHAR(36)  PRIMARY KEY,
    name         VARCHAR(200) NOT NULL,
    credit_code  VARCHAR(18)  NOT NULL UNIQUE,
    kind         VARCHAR(16)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT organisation_kind CHECK (kind IN ('MERCHANT', 'BUYER', 'OPERATOR', 'REGULATOR'))
);

CREATE TABLE account (
    id               VARCHAR(36)  PRIMARY KEY,
    username         VARCHAR(64)  NOT NULL UNIQUE,
    password_hash    VARCHAR(100) NOT NULL,
    role             VARCHAR(16)  NOT NULL,
    organisation_id  VARCHAR(36)  NOT NULL REFERENCES organisation (id),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT account_role CHECK (role IN ('MERCHANT', 'BUYER', 'OPERATOR', 'REGULATOR'))
);
