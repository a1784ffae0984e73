-- The regulator's monthly reports (issue 18): each generation is kept, never rewritten. The PDF and CSV files are under
-- the data directory's reports/ (as product files are under files/); this row holds their SHA-256 and size, checked
-- on every download, and the headline numbers for the list.
CREATE TABLE monthly_report (
    id            VARCHAR(36)  PRIMARY KEY,
    report_month  VARCHAR(7)   NOT NULL,
    generated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    generated_by  VARCHAR(64)  NOT NULL,
    trades        BIGINT       NOT NULL,
    value_minor   BIGINT       NOT NULL,
    flags         INTEGER      NOT NULL,
    differences   INTEGER      NOT NULL,
    pdf_sha256    VARCHAR(64)  NOT NULL,
    pdf_bytes     BIGINT       NOT NULL,
    csv_sha256    VARCHAR(64)  NOT NULL,
    csv_bytes     BIGINT       NOT NULL
);
CREATE INDEX monthly_report_month ON monthly_report (report_month, generated_at);
