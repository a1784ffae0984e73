-- Failed sign-ins per subject ("account:<username>" or "address:<client address>") in the current window, and the
-- lock they caused. In the database, not in memory, so that every instance of the exchange counts the same attempts.
CREATE TABLE sign_in_attempt (
    subject       VARCHAR(300) PRIMARY KEY,
    failures      INT          NOT NULL,
    window_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until  TIMESTAMP WITH TIME ZONE
);
