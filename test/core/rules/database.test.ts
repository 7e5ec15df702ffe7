import { describe, expect, it } from 'vitest';
import { classifySql, stripSql } from '../../../src/core/sql.js';
import { runCases } from './cases.js';

runCases('database', [
  // remote destructive SQL: unverified/production → critical, staging → high, local → high
  { command: `psql -h db.prod.acme.io -U app -d app -c 'DROP TABLE users'`, risk: 'critical', rules: ['database.sql.drop-table'], tags: ['database', 'data-loss', 'irreversible', 'production'] },
  { command: `psql postgres://u:p@db.internal:5432/app -c "TRUNCATE orders CASCADE"`, risk: 'critical', rules: ['database.sql.truncate'] },
  { command: `psql "$DATABASE_URL" -c "DELETE FROM users"`, risk: 'critical', rules: ['database.sql.delete-all'] },
  { command: `psql "$DATABASE_URL" -c "DELETE FROM users"`, risk: 'high', context: { env: { DATABASE_URL: 'postgres://u@staging-db.acme.io/app' } } },
  { command: `psql "$DATABASE_URL" -c "DELETE FROM users"`, risk: 'critical', context: { env: { DATABASE_URL: 'postgres://u@prod-db.acme.io/app' } }, tags: ['production'] },
  { command: `psql -c "DROP DATABASE app"`, risk: 'critical', context: { env: { PGHOST: 'db.acme.io' } } },
  { command: `psql -h localhost -U postgres -c 'DROP DATABASE app_dev'`, risk: 'high', rules: ['database.sql.drop-database'] },
  { command: `mysql -h staging-db -u root -e 'DROP SCHEMA shop'`, risk: 'high' },
  { command: `mysql -h 10.0.3.7 -u root -p shop -e "UPDATE users SET role='admin'"`, risk: 'critical', rules: ['database.sql.update-all'] },
  { command: `mysql -e "DELETE FROM sessions WHERE 1=1"`, risk: 'high', rules: ['database.sql.delete-all'] },
  { command: `mariadb --host=db1.acme.io --execute="ALTER TABLE users DROP COLUMN email"`, risk: 'critical', rules: ['database.sql.alter-drop'] },
  { command: `psql -h db.acme.io <<'EOF'\nBEGIN;\nDROP TABLE audit_log;\nCOMMIT;\nEOF`, risk: 'critical', rules: ['database.sql.drop-table'] },
  { command: `echo "DROP TABLE users;" | psql -h prod-db app`, risk: 'critical' },
  { command: `psql -h db.acme.io app <<< "truncate table events"`, risk: 'critical' },
  { command: `ssh prod-db "psql -c 'drop table users'"`, risk: 'critical' },
  { command: `docker exec -i pg psql -U postgres -c "DROP DATABASE app"`, risk: 'high+' },
  { command: `psql -c "-- harmless comment it's fine\nDROP TABLE users; SELECT 'x'"`, risk: 'high', rules: ['database.sql.drop-table'] },
  { command: `mysql -e "/*!50000 DROP TABLE users */"`, risk: 'high' },
  { command: `sqlite3 app.db "DROP TABLE users"`, risk: 'high', rules: ['database.sql.drop-table'] },
  { command: `cqlsh cassandra.prod -e "DROP KEYSPACE analytics"`, risk: 'critical', rules: ['database.sql.drop-database'] },
  { command: `clickhouse-client --host ch.acme.io --query "DROP TABLE events"`, risk: 'critical' },
  { command: `sqlcmd -S sql.prod.acme.io -d app -Q "DROP DATABASE app"`, risk: 'critical' },
  { command: `cockroach sql --url "postgresql://root@crdb.acme.io:26257/app" -e "DROP DATABASE app CASCADE"`, risk: 'critical' },
  { command: `psql -h db.prod.acme.io -f migrations/drop_all.sql`, risk: 'critical', rules: ['database.sql-file'] },
  { command: `psql -h db.acme.io app < reset.sql`, risk: 'critical', rules: ['database.sql-file'] },
  { command: `psql -h staging-db -f seed.sql`, risk: 'high', rules: ['database.sql-file'] },
  { command: `psql -c "GRANT ALL PRIVILEGES ON DATABASE app TO public"`, risk: 'high', tags: ['privilege'] },
  // redis, mongo
  { command: 'redis-cli -h cache.prod.acme.io FLUSHALL', risk: 'critical', rules: ['database.redis.flush'], tags: ['data-loss'] },
  { command: 'redis-cli -u redis://:pw@redis.acme.io:6379 flushdb', risk: 'critical' },
  { command: 'redis-cli flushall', risk: 'high', rules: ['database.redis.flush'] },
  { command: 'redis-cli -h redis.acme.io CONFIG SET dir /tmp', risk: 'high+', rules: ['database.redis.config'] },
  { command: `redis-cli --scan --pattern 'session:*' | xargs redis-cli del`, risk: 'high' },
  { command: `mongosh "mongodb+srv://cluster0.abc.mongodb.net/shop" --eval "db.dropDatabase()"`, risk: 'critical', rules: ['database.mongo.drop-database'] },
  { command: `mongosh shop --eval 'db.orders.deleteMany({})'`, risk: 'high', rules: ['database.mongo.delete-all'] },
  { command: `mongo --host mongo.prod.acme.io shop --eval 'db.users.drop()'`, risk: 'critical' },
  // admin tools
  { command: 'dropdb -h db.acme.io app', risk: 'critical', rules: ['database.dropdb'] },
  { command: 'dropdb app_test', risk: 'high' },
  { command: 'mysqladmin -h db.acme.io -u root -f drop shop', risk: 'critical', tags: ['confirmation-bypass'] },
  { command: 'pg_restore --clean -h db.prod.acme.io -d app backup.dump', risk: 'critical', rules: ['database.pg-restore-clean'] },
  { command: 'mongorestore --drop --uri mongodb://mongo.acme.io/app dump/', risk: 'critical' },
  // frameworks
  { command: 'npx prisma migrate reset --force', risk: 'critical', rules: ['database.reset.prisma'], tags: ['confirmation-bypass', 'data-loss'] },
  { command: 'npx prisma migrate reset', risk: 'high', context: { env: { DATABASE_URL: 'postgresql://postgres@localhost:5432/dev' } } },
  { command: 'pnpm prisma db push --force-reset', risk: 'critical' },
  { command: 'yarn prisma db push --accept-data-loss', risk: 'high+', tags: ['data-loss'] },
  { command: 'rails db:drop', risk: 'high', rules: ['database.reset.rails'] },
  { command: 'RAILS_ENV=production bundle exec rails db:reset', risk: 'critical', tags: ['production'] },
  { command: 'bin/rails db:schema:load RAILS_ENV=production DISABLE_DATABASE_ENVIRONMENT_CHECK=1', risk: 'critical', tags: ['confirmation-bypass'] },
  { command: 'bundle exec rake db:drop', risk: 'high' },
  { command: 'python manage.py flush --noinput', risk: 'critical', rules: ['database.reset.manage'], tags: ['confirmation-bypass'] },
  { command: 'python3 manage.py flush --settings=config.settings.dev', risk: 'high' },
  { command: './manage.py reset_db', risk: 'high+' },
  { command: 'supabase db reset', risk: 'high', rules: ['database.reset.supabase'] },
  { command: 'supabase db reset --linked', risk: 'critical' },
  { command: 'npx knex migrate:rollback --all', risk: 'high' },
  { command: 'npx sequelize-cli db:drop', risk: 'high' },
  { command: 'npx typeorm schema:drop', risk: 'high+' },
  { command: 'npx drizzle-kit push --force', risk: 'high+' },
  { command: 'alembic downgrade base', risk: 'high+' },
  { command: 'php artisan migrate:fresh --force', risk: 'critical', tags: ['confirmation-bypass'] },
  { command: 'php artisan db:wipe', risk: 'high+' },
  { command: 'mix ecto.reset', risk: 'high' },
  // benign look-alikes
  { command: `psql -c 'select 1'`, risk: 'low' },
  { command: `psql -h db.prod.acme.io -c "SELECT count(*) FROM users"`, risk: 'low' },
  { command: `psql -c '\\dt'`, risk: 'low' },
  { command: `mysql -e "SHOW TABLES"`, risk: 'low' },
  { command: `psql -c "select 'DROP TABLE users'"`, risk: 'low' },
  { command: `psql -c "EXPLAIN SELECT * FROM orders WHERE id = 1"`, risk: 'low' },
  { command: `sqlite3 app.db ".tables"`, risk: 'low' },
  { command: `sqlite3 app.db "DELETE FROM sessions WHERE expires_at < date('now')"`, risk: 'high' },
  { command: `psql -c "INSERT INTO users (name) VALUES ('a')"`, risk: 'medium' },
  { command: 'grep -r "DROP TABLE" .', risk: 'low' },
  { command: 'echo "DROP DATABASE app"', risk: 'low' },
  { command: 'redis-cli ping', risk: 'low' },
  { command: 'redis-cli -h cache.prod.acme.io GET user:1', risk: 'low' },
  { command: `mongosh --eval 'db.users.find().limit(5)'`, risk: 'low' },
  { command: 'pg_dump -h db.prod.acme.io app > backup.sql', risk: 'medium' },
  { command: 'npx prisma generate', risk: 'medium' },
  { command: 'npx prisma migrate dev --name init', risk: 'medium' },
  { command: 'rails db:migrate', risk: 'medium' },
  { command: 'python manage.py migrate', risk: 'medium' },
  { command: 'python manage.py runserver', risk: 'medium' },
  { command: 'python manage.py sqlflush', risk: 'medium' },
  // Raw SQL through prisma db execute is judged as SQL; with no URL the database is the project's, unverified.
  { command: `echo 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' | npx prisma db execute --stdin`, risk: 'critical', rules: ['database.sql.*'] },
  { command: `echo 'DELETE FROM sessions WHERE expires_at < now();' | npx prisma db execute --stdin`, risk: 'critical' },
  { command: `echo 'DELETE FROM sessions WHERE expires_at < now();' | npx prisma db execute --stdin`, risk: 'high', context: { env: { DATABASE_URL: 'postgres://dev:****@localhost:5432/app' } } },
]);

describe('sql classifier', () => {
  it('strips comments and literals before classifying', () => {
    expect(stripSql("select 'drop table x' -- drop table y\n")).not.toMatch(/drop/i);
    expect(classifySql("/* DROP TABLE a */ SELECT 1").map((s) => s.kind)).toEqual(['read']);
  });
  it('splits statements and finds the destructive one', () => {
    const kinds = classifySql('BEGIN; DELETE FROM a WHERE id = 3; DELETE FROM b; COMMIT;').map((s) => s.kind);
    expect(kinds).toEqual(['session', 'delete', 'delete-all', 'session']);
  });
  it('treats trivial WHERE clauses as no WHERE', () => {
    expect(classifySql('UPDATE users SET admin = true WHERE 1 = 1')[0]!.kind).toBe('update-all');
    expect(classifySql('DELETE FROM t WHERE true')[0]!.kind).toBe('delete-all');
  });
  it('runs what EXPLAIN ANALYZE explains', () => {
    expect(classifySql('EXPLAIN ANALYZE DELETE FROM logs')[0]!.kind).toBe('delete-all');
  });
});
