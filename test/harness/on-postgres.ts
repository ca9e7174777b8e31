// Required before harness.ts by .mocharc.postgres.yml: the shared records of that run live in PostgreSQL.
process.env.SAHKAN_TEST_RECORDS = 'postgres';
