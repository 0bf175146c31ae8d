#!/usr/bin/python3
"""pgodbc from LibreOffice Base, headless, through Python-UNO: the BI-tool path.

LibreOffice reaches ODBC through its SDBC bridge (libodbclo, package
libreoffice-base-drivers): a data source whose URL is sdbc:odbc:<DSN> calls
SQLDriverConnect, then SQLTables / SQLColumns / SQLPrimaryKeys /
SQLForeignKeys / SQLGetInfo to build its table container, and SQLExecDirect,
SQLPrepare, SQLBindParameter, SQLFetchScroll and SQLGetData for queries. When
a catalog function fails, LibreOffice shows an empty table list and no error,
so every check here compares values.

Runs against the harness server (tests/harness): PGO_HARNESS_ENV names the
harness's env file (KEY='value' lines); ODBCSYSINI from it points unixODBC at
the private odbc.ini with the DSN [pgo_test] (role pgo_scram), which
LibreOffice uses as registered, with the DSN's own credentials. The tables
are made through pyodbc by pgo_trust, which owns the database (PostgreSQL 15
gives no one else CREATE in public), granted to pgo_scram, named clients_lo_*
so the other client suites can run at the same time, and dropped at the end.

soffice runs with a throwaway user profile and a private UNO pipe, is killed
(its whole process group) when the test ends, and a watchdog kills it and
exits if the test runs past DEADLINE_SECONDS, so a hang cannot block CI.

Run with Debian's interpreter (/usr/bin/python3, packages python3-uno,
libreoffice-base-nogui and python3-pyodbc):
    PGO_HARNESS_ENV=<build>/pg-harness/env /usr/bin/python3 libreoffice_base_test.py -v
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import pyodbc

try:
    import uno
except ImportError:
    sys.exit("libreoffice_base_test: no uno module for this interpreter; install python3-uno "
             "(cmake/install-deps.sh) and run with /usr/bin/python3")
from com.sun.star.beans import PropertyValue  # noqa: E402 (after uno's import hook)
from com.sun.star.sdbc import SQLException  # noqa: E402

# Whole-run limit; CTest's own TIMEOUT for clients.libreoffice is above it.
DEADLINE_SECONDS = 100
# How long soffice may take to open its UNO pipe (a fresh profile: ~2 s).
START_SECONDS = 45

# com.sun.star.sdbc.DataType, com.sun.star.sdbc.ColumnValue,
# com.sun.star.sdbcx.KeyType and com.sun.star.sdbc.KeyRule values.
BIT, SMALLINT, INTEGER, BIGINT, DOUBLE, NUMERIC, DECIMAL = -7, 5, 4, -5, 8, 2, 3
CHAR, VARCHAR, LONGVARCHAR = 1, 12, -1
DATE, TIMESTAMP = 91, 93
VARBINARY, LONGVARBINARY = -3, -4
NO_NULLS, NULLABLE = 0, 1
PRIMARY, FOREIGN = 1, 3
CASCADE, NO_ACTION = 0, 3


def read_harness_env():
    path = os.environ.get("PGO_HARNESS_ENV")
    if not path:
        sys.exit("PGO_HARNESS_ENV is not set: point it at <build>/pg-harness/env")
    values = {}
    with open(path, encoding="utf-8") as env_file:
        for line in env_file:
            match = re.match(r"^([A-Z_][A-Z0-9_]*)='(.*)'$", line.rstrip("\n"))
            if match:
                values[match.group(1)] = match.group(2)
    for key in ("ODBCSYSINI", "PGO_HOST", "PGO_PORT", "PGO_DATABASE"):
        if key not in values:
            sys.exit(f"{path} has no {key}")
    return values


ENV = read_harness_env()
os.environ["ODBCSYSINI"] = ENV["ODBCSYSINI"]
DSN = "pgo_test"
DSN_USER = "pgo_scram"
DATABASE = ENV["PGO_DATABASE"]

# Composed names as LibreOffice builds them: catalog.schema.table (the driver
# reports the database as the catalog).
CUSTOMER = "clients_lo_customer"
ORDER = "clients_lo_order"
VIEW = "clients_lo_customer_names"
ODD = "clients_lo_Straße"          # mixed case and non-ASCII
EDIT = "clients_lo_edit"           # written through a RowSet
MATVIEW = "clients_lo_city_counts"
AUTO = "clients_lo_auto"           # generated keys
ODD_COLUMN = "Größe"


def composed(table):
    return f"{DATABASE}.public.{table}"


# Rows of CUSTOMER: (id, name, city, balance); names and cities outside
# Latin-1 and outside the Basic Multilingual Plane.
CUSTOMERS = [
    (1, "Zoë Ångström", "Ærøskøbing", "12.50"),
    (2, "Дмитрий Шостакович", "Москва", "-3.25"),
    (3, "東京 太郎 🌜", "東京", "0.00"),
    (4, "Ada", "Москва", "100.00"),
]

SETUP = [
    f"CREATE TABLE {CUSTOMER} ("
    " id integer PRIMARY KEY,"
    " name varchar(40) NOT NULL,"
    " city text,"
    " balance numeric(10,2),"
    " joined date,"
    " active boolean,"
    " created timestamp,"
    " score double precision,"
    " big bigint,"
    " small smallint,"
    " code char(3),"
    " uid uuid,"
    " data bytea,"
    " status varchar(10) DEFAULT 'new')",
    f"CREATE TABLE {ORDER} ("
    " customer_id integer NOT NULL,"
    " line integer NOT NULL,"
    " note varchar(100),"
    " PRIMARY KEY (customer_id, line),"
    f" FOREIGN KEY (customer_id) REFERENCES {CUSTOMER} (id) ON DELETE CASCADE)",
    f"CREATE VIEW {VIEW} AS SELECT id, name FROM {CUSTOMER}",
    f'CREATE TABLE "{ODD}" ("{ODD_COLUMN}" integer)',
    f"CREATE TABLE {AUTO} (id serial PRIMARY KEY,"
    " ident bigint GENERATED ALWAYS AS IDENTITY, name varchar(20) UNIQUE, price money)",
    f"CREATE MATERIALIZED VIEW {MATVIEW} AS"
    f" SELECT city, count(*) AS customers FROM {CUSTOMER} GROUP BY city",
    f"CREATE TABLE {EDIT} (id integer PRIMARY KEY, name varchar(40), city text)",
    f"INSERT INTO {EDIT} VALUES (1, 'Åsa', 'Göteborg'), (2, 'Jürgen', 'Köln')",
    f'GRANT SELECT ON {CUSTOMER}, {ORDER}, {VIEW}, "{ODD}", {MATVIEW} TO {DSN_USER}',
    f"GRANT SELECT, INSERT, UPDATE, DELETE ON {EDIT} TO {DSN_USER}",
    f"GRANT SELECT ON {AUTO} TO {DSN_USER}",
]

TEARDOWN = [
    f"DROP TABLE IF EXISTS {AUTO}",
    f"DROP TABLE IF EXISTS {EDIT}",
    f"DROP MATERIALIZED VIEW IF EXISTS {MATVIEW}",
    f"DROP VIEW IF EXISTS {VIEW}",
    f"DROP TABLE IF EXISTS {ORDER}",
    f"DROP TABLE IF EXISTS {CUSTOMER} CASCADE",
    f'DROP TABLE IF EXISTS "{ODD}"',
]


def owner_connect():
    return pyodbc.connect(
        "DRIVER={pgodbc};"
        f"Server={ENV['PGO_HOST']};Port={ENV['PGO_PORT']};"
        f"Database={DATABASE};UID=pgo_trust;", autocommit=True)


def create_tables():
    connection = owner_connect()
    try:
        cursor = connection.cursor()
        for statement in TEARDOWN + SETUP:
            cursor.execute(statement)
        cursor.executemany(
            f"INSERT INTO {CUSTOMER} (id, name, city, balance) VALUES (?, ?, ?, ?)",
            CUSTOMERS)
        cursor.execute(f"INSERT INTO {ORDER} VALUES (1, 1, 'första'), (1, 2, NULL)")
        cursor.execute(
            f"UPDATE {CUSTOMER} SET joined = '2024-02-29', active = true,"
            " created = '2024-02-29 13:14:15.123456', score = 2.5,"
            " big = 9007199254740993, small = -7, code = 'ab',"
            " data = '\\x00ff10'::bytea WHERE id = 1")
    finally:
        connection.close()


def drop_tables():
    connection = owner_connect()
    try:
        cursor = connection.cursor()
        for statement in TEARDOWN:
            cursor.execute(statement)
    finally:
        connection.close()


class Office:
    """One soffice process with its own profile and UNO pipe."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="pgodbc-lo-profile-")
        self.pipe = f"pgodbc_lo_{os.getpid()}"
        self.process = None
        self.context = None
        # kill() runs from the module cleanups and from the watchdog.
        self.kill_lock = threading.Lock()

    def start(self):
        soffice = shutil.which("soffice")
        if soffice is None:
            raise RuntimeError("soffice not found; install libreoffice-base-nogui "
                               "(cmake/install-deps.sh)")
        command = [
            soffice, "--headless", "--invisible", "--norestore", "--nologo",
            "--nodefault", "--nolockcheck",
            f"-env:UserInstallation=file://{self.profile}",
            f"--accept=pipe,name={self.pipe};urp;",
        ]
        # Its own session: killing the process group reaches oosplash and
        # soffice.bin alike.
        self.process = subprocess.Popen(
            command, env=dict(os.environ), stdin=subprocess.DEVNULL,
            start_new_session=True)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        url = f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext"
        give_up = time.monotonic() + START_SECONDS
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"soffice exited with {self.process.returncode} before opening its pipe")
            try:
                self.context = resolver.resolve(url)
                return
            except Exception:  # NoConnectException until the pipe exists
                if time.monotonic() > give_up:
                    raise RuntimeError(f"soffice did not open {url} in {START_SECONDS} s")
                time.sleep(0.2)

    def create(self, service):
        return self.context.ServiceManager.createInstanceWithContext(service, self.context)

    def kill(self):
        """Ends every process of soffice's group and removes the profile."""
        with self.kill_lock:
            self.kill_locked()

    def kill_locked(self):
        if self.process is not None:
            pgid = self.process.pid
            for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
                try:
                    os.killpg(pgid, sig)
                except ProcessLookupError:
                    break
                give_up = time.monotonic() + wait
                while time.monotonic() < give_up:
                    self.process.poll()
                    try:
                        os.killpg(pgid, 0)
                    except ProcessLookupError:
                        break
                    time.sleep(0.1)
                else:
                    continue
                break
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            self.process = None
        shutil.rmtree(self.profile, ignore_errors=True)


OFFICE = None
CONNECTION = None


def start_watchdog():
    def expire():
        sys.stderr.write(
            f"libreoffice_base_test: still running after {DEADLINE_SECONDS} s; "
            "killing soffice and failing\n")
        sys.stderr.flush()
        if OFFICE is not None:
            OFFICE.kill()
        os._exit(3)
    timer = threading.Timer(DEADLINE_SECONDS, expire)
    timer.daemon = True
    timer.start()
    return timer


def setUpModule():
    global OFFICE, CONNECTION
    unittest.addModuleCleanup(start_watchdog().cancel)
    create_tables()
    unittest.addModuleCleanup(drop_tables)
    OFFICE = Office()
    unittest.addModuleCleanup(OFFICE.kill)
    OFFICE.start()

    source = OFFICE.create("com.sun.star.sdb.DatabaseContext").createInstance()
    source.URL = f"sdbc:odbc:{DSN}"
    # Base's "Character set" setting; the default ("System") follows the
    # locale, and CI may run in the C locale.
    source.Info = (PropertyValue(Name="CharSet", Value="UTF-8"),)
    # User and password empty: the DSN's own (pgo_scram).
    CONNECTION = source.getConnection("", "")

    def close():
        CONNECTION.close()
    unittest.addModuleCleanup(close)


def rows_of(result_set, *getters):
    """All rows, each a tuple of getter(result_set, column_index)."""
    rows = []
    while result_set.next():
        rows.append(tuple(getter(result_set, index + 1) for index, getter in enumerate(getters)))
    return rows


def get_int(rs, index):
    value = rs.getInt(index)
    return None if rs.wasNull() else value


def get_string(rs, index):
    value = rs.getString(index)
    return None if rs.wasNull() else value


class Connection(unittest.TestCase):
    def test_connects_as_the_dsn_user_to_postgresql(self):
        rows = rows_of(CONNECTION.createStatement().executeQuery(
            "SELECT current_user, current_database()"), get_string, get_string)
        self.assertEqual(rows, [(DSN_USER, DATABASE)])
        self.assertEqual(CONNECTION.getMetaData().getDatabaseProductName(), "PostgreSQL")


class TableList(unittest.TestCase):
    def test_table_list_names_the_tables_and_the_view(self):
        # Base asks SQLTables for TableType "VIEW,TABLE,%," and keeps the
        # TABLE and VIEW rows (LibreOffice 7.4 drops the materialized view
        # the driver returns for "%").
        names = set(CONNECTION.getTables().getElementNames())
        for table in (CUSTOMER, ORDER, VIEW, ODD, EDIT):
            self.assertIn(composed(table), names)

    def test_table_list_leaves_out_system_catalogs(self):
        names = CONNECTION.getTables().getElementNames()
        system = [name for name in names
                  if ".pg_catalog." in name or ".information_schema." in name]
        self.assertEqual(system, [])

    def test_tables_and_views_carry_their_type(self):
        tables = CONNECTION.getTables()
        self.assertEqual(tables.getByName(composed(CUSTOMER)).Type, "TABLE")
        self.assertEqual(tables.getByName(composed(ORDER)).Type, "TABLE")
        self.assertEqual(tables.getByName(composed(VIEW)).Type, "VIEW")

    def test_view_list_names_the_view_only(self):
        names = set(CONNECTION.getViews().getElementNames())
        self.assertIn(composed(VIEW), names)
        self.assertNotIn(composed(CUSTOMER), names)

    def test_sdbc_metadata_get_tables_filters_by_pattern_and_type(self):
        result = CONNECTION.getMetaData().getTables(
            None, "public", "clients\\_lo\\_%", ("VIEW",))
        rows = rows_of(result, get_string, get_string, get_string, get_string)
        self.assertEqual(rows, [(DATABASE, "public", VIEW, "VIEW")])

    def test_sdbc_metadata_get_tables_with_every_type(self):
        # LibreOffice sends the type list {"%"} as "%," (a comma after
        # every value); the driver once read that as no known type.
        result = CONNECTION.getMetaData().getTables(
            None, "public", "clients\\_lo\\_c%", ("%",))
        rows = rows_of(result, get_string, get_string, get_string, get_string)
        self.assertEqual(rows, [
            (DATABASE, "public", MATVIEW, "MATERIALIZED VIEW"),
            (DATABASE, "public", CUSTOMER, "TABLE"),
            (DATABASE, "public", VIEW, "VIEW"),
        ])


class Columns(unittest.TestCase):
    # name: (DataType, TypeName, IsNullable, Precision, Scale); None where
    # the value is a driver setting rather than the column's own.
    CUSTOMER_COLUMNS = [
        ("id", INTEGER, "int4", NO_NULLS, 10, 0),
        ("name", VARCHAR, "varchar", NO_NULLS, 40, 0),
        ("city", LONGVARCHAR, "text", NULLABLE, None, 0),
        ("balance", NUMERIC, "numeric", NULLABLE, 10, 2),
        ("joined", DATE, "date", NULLABLE, 10, 0),
        ("active", BIT, "bool", NULLABLE, 1, 0),
        ("created", TIMESTAMP, "timestamp", NULLABLE, 26, 6),
        ("score", DOUBLE, "float8", NULLABLE, 15, 0),
        ("big", BIGINT, "int8", NULLABLE, 19, 0),
        ("small", SMALLINT, "int2", NULLABLE, 5, 0),
        ("code", CHAR, "bpchar", NULLABLE, 3, 0),
        # LibreOffice maps SQL_GUID to VARBINARY.
        ("uid", VARBINARY, "uuid", NULLABLE, 36, 0),
        ("data", LONGVARBINARY, "bytea", NULLABLE, None, 0),
        ("status", VARCHAR, "varchar", NULLABLE, 10, 0),
    ]

    def columns_of(self, table):
        return CONNECTION.getTables().getByName(composed(table)).getColumns()

    def assert_columns(self, table, expected):
        columns = self.columns_of(table)
        self.assertEqual(list(columns.getElementNames()), [row[0] for row in expected])
        for name, data_type, type_name, nullable, precision, scale in expected:
            column = columns.getByName(name)
            with self.subTest(table=table, column=name):
                actual = (column.Type, column.TypeName, column.IsNullable, column.Scale)
                self.assertEqual(actual, (data_type, type_name, nullable, scale))
                if precision is not None:
                    self.assertEqual(column.Precision, precision)

    def test_table_columns_in_order_with_types_nullability_and_sizes(self):
        self.assert_columns(CUSTOMER, self.CUSTOMER_COLUMNS)

    def test_view_columns_with_types(self):
        # A view's columns are nullable: PostgreSQL records no NOT NULL.
        self.assert_columns(VIEW, [
            ("id", INTEGER, "int4", NULLABLE, 10, 0),
            ("name", VARCHAR, "varchar", NULLABLE, 40, 0),
        ])

    def test_non_ascii_table_and_column_names(self):
        self.assert_columns(ODD, [(ODD_COLUMN, INTEGER, "int4", NULLABLE, 10, 0)])

    def test_money_column_is_currency(self):
        column = self.columns_of(AUTO).getByName("price")
        self.assertEqual((column.Type, column.TypeName, column.IsCurrency),
                         (DECIMAL, "money", True))

    def test_serial_and_identity_columns_are_auto_increment(self):
        """LibreOffice reads IsAutoIncrement from SQLColAttribute
        (SQL_DESC_AUTO_UNIQUE_VALUE) on SELECT * ... WHERE 0 = 1: identity
        columns and nextval() defaults answer SQL_TRUE, so Base marks them
        as AutoValue and re-reads the generated key after an insert."""
        columns = self.columns_of(AUTO)
        self.assertEqual([(name, columns.getByName(name).IsAutoIncrement)
                          for name in columns.getElementNames()],
                         [("id", True), ("ident", True), ("name", False), ("price", False)])

    def test_column_default_is_the_server_expression(self):
        columns = self.columns_of(CUSTOMER)
        self.assertEqual(columns.getByName("status").DefaultValue, "'new'::character varying")
        self.assertEqual(columns.getByName("name").DefaultValue, "")


class Keys(unittest.TestCase):
    def keys_of(self, table):
        keys = CONNECTION.getTables().getByName(composed(table)).getKeys()
        self.assertIsNotNone(keys, f"{table} has no key container")
        result = []
        for index in range(keys.getCount()):
            key = keys.getByIndex(index)
            columns = key.getColumns()
            result.append((
                key.Type, key.ReferencedTable, key.UpdateRule, key.DeleteRule,
                [(name, columns.getByName(name).RelatedColumn)
                 for name in columns.getElementNames()]))
        return sorted(result, key=lambda entry: entry[0])

    def test_single_column_primary_key(self):
        self.assertEqual(self.keys_of(CUSTOMER), [
            (PRIMARY, "", 0, 0, [("id", "")]),
        ])

    def test_composite_primary_key_and_foreign_key_with_its_rules(self):
        self.assertEqual(self.keys_of(ORDER), [
            (PRIMARY, "", 0, 0, [("customer_id", ""), ("line", "")]),
            (FOREIGN, composed(CUSTOMER), NO_ACTION, CASCADE, [("customer_id", "id")]),
        ])

    def test_primary_key_names_come_from_the_server(self):
        keys = CONNECTION.getTables().getByName(composed(ORDER)).getKeys()
        names = sorted(keys.getByIndex(index).Name for index in range(keys.getCount()))
        self.assertEqual(names, [f"{ORDER}_customer_id_fkey", f"{ORDER}_pkey"])

    def test_table_without_keys_has_none(self):
        self.assertEqual(self.keys_of(ODD), [])


class Queries(unittest.TestCase):
    def test_query_returns_non_ascii_rows_exactly(self):
        result = CONNECTION.createStatement().executeQuery(
            f"SELECT id, name, city, balance FROM {CUSTOMER} ORDER BY id")
        rows = rows_of(result, get_int, get_string, get_string, get_string)
        self.assertEqual(rows, [(int(i), n, c, b) for i, n, c, b in CUSTOMERS])

    def test_query_result_metadata_names_and_types(self):
        result = CONNECTION.createStatement().executeQuery(
            f"SELECT id, name, city, balance FROM {CUSTOMER} WHERE false")
        meta = result.getMetaData()
        self.assertEqual(meta.getColumnCount(), 4)
        described = [(meta.getColumnName(i), meta.getColumnType(i)) for i in range(1, 5)]
        self.assertEqual(described, [("id", INTEGER), ("name", VARCHAR),
                                     ("city", LONGVARCHAR), ("balance", NUMERIC)])

    def test_query_result_metadata_names_each_columns_table(self):
        result = CONNECTION.createStatement().executeQuery(
            f"SELECT a.id, a.price, c.name, 1 + 1 AS two"
            f" FROM {AUTO} a, {CUSTOMER} c WHERE false")
        meta = result.getMetaData()
        described = [(meta.getColumnLabel(i), meta.getTableName(i), meta.getSchemaName(i),
                      meta.isNullable(i), meta.isCurrency(i), meta.isSigned(i))
                     for i in range(1, 5)]
        self.assertEqual(described, [
            ("id", AUTO, "public", NO_NULLS, False, True),
            ("price", AUTO, "public", NULLABLE, True, True),
            ("name", CUSTOMER, "public", NO_NULLS, False, False),
            ("two", "", "", 2, False, True),  # ColumnValue.NULLABLE_UNKNOWN
        ])

    def test_literal_outside_the_basic_multilingual_plane_round_trips(self):
        result = CONNECTION.createStatement().executeQuery(
            "SELECT 'x 🌜 z', length('x 🌜 z')")
        self.assertEqual(rows_of(result, get_string, get_int), [("x 🌜 z", 5)])

    def test_null_is_reported_as_null(self):
        result = CONNECTION.createStatement().executeQuery(
            f"SELECT note FROM {ORDER} ORDER BY line")
        self.assertEqual(rows_of(result, get_string), [("första",), (None,)])

    def test_typed_getters_read_every_type(self):
        result = CONNECTION.createStatement().executeQuery(
            f"SELECT balance, joined, active, created, score, big, small, code, data"
            f" FROM {CUSTOMER} WHERE id = 1")
        self.assertTrue(result.next())
        self.assertEqual(result.getDouble(1), 12.5)
        joined = result.getDate(2)
        self.assertEqual((joined.Year, joined.Month, joined.Day), (2024, 2, 29))
        self.assertTrue(result.getBoolean(3))
        created = result.getTimestamp(4)
        self.assertEqual((created.Year, created.Month, created.Day, created.Hours,
                          created.Minutes, created.Seconds, created.NanoSeconds),
                         (2024, 2, 29, 13, 14, 15, 123456000))
        self.assertEqual(result.getDouble(5), 2.5)
        self.assertEqual(result.getLong(6), 9007199254740993)
        self.assertEqual(result.getShort(7), -7)
        self.assertEqual(result.getString(8), "ab ")
        self.assertEqual(result.getBytes(9).value, b"\x00\xff\x10")
        self.assertFalse(result.next())

    def test_prepared_statement_with_typed_parameters(self):
        statement = CONNECTION.prepareStatement(
            "SELECT ?::date, ?::timestamp, ?::float8, ?::bool, ?::numeric,"
            " ?::text IS NULL, ?::int8")
        day = uno.createUnoStruct("com.sun.star.util.Date", 29, 2, 2024)
        moment = uno.createUnoStruct("com.sun.star.util.DateTime")
        (moment.Year, moment.Month, moment.Day, moment.Hours, moment.Minutes,
         moment.Seconds, moment.NanoSeconds) = (2024, 2, 29, 13, 14, 15, 123456000)
        statement.setDate(1, day)
        statement.setTimestamp(2, moment)
        statement.setDouble(3, -2.5)
        statement.setBoolean(4, True)
        statement.setString(5, "12.34")
        statement.setNull(6, VARCHAR)
        statement.setLong(7, -9007199254740993)
        result = statement.executeQuery()
        self.assertEqual(rows_of(result, *[get_string] * 7), [(
            "2024-02-29", "2024-02-29 13:14:15.123456000", "-2.5", "1", "12.34", "1",
            "-9007199254740993")])

    def test_prepared_statement_with_string_and_integer_parameters(self):
        statement = CONNECTION.prepareStatement(
            f"SELECT id, name FROM {CUSTOMER} WHERE city = ? AND id > ? ORDER BY id")
        statement.setString(1, "Москва")
        statement.setInt(2, 0)
        self.assertEqual(rows_of(statement.executeQuery(), get_int, get_string),
                         [(2, "Дмитрий Шостакович"), (4, "Ada")])
        # Re-executed with new values, the same statement.
        statement.setString(1, "東京")
        statement.setInt(2, 2)
        self.assertEqual(rows_of(statement.executeQuery(), get_int, get_string),
                         [(3, "東京 太郎 🌜")])
        statement.setInt(2, 3)
        self.assertEqual(rows_of(statement.executeQuery(), get_int, get_string), [])

    def test_prepared_statement_error_is_raised_not_an_empty_result(self):
        statement = CONNECTION.prepareStatement("SELECT 1 / ?")
        statement.setInt(1, 0)
        with self.assertRaises(SQLException) as caught:
            rows_of(statement.executeQuery(), get_int)
        self.assertEqual(caught.exception.SQLState, "22012")
        self.assertIn("division by zero", caught.exception.Message)


class TableTypes(unittest.TestCase):
    # LibreOffice's getTableTypes() (Base's table filter) calls
    # SQLTables(NULL, 0, NULL, 0, NULL, 0, "%", SQL_NTS) and reads column 4.
    def table_types(self):
        return rows_of(CONNECTION.getMetaData().getTableTypes(), get_string)

    def test_table_types_include_table_and_view(self):
        types = {row[0] for row in self.table_types()}
        self.assertLessEqual({"TABLE", "VIEW"}, types)

    @unittest.expectedFailure
    def test_table_types_are_the_distinct_type_list(self):
        """expected failure: with null (not empty) name arguments the driver
        runs the ordinary table listing, so LibreOffice gets one TABLE_TYPE
        per table; odbc/stmt_catalog.c takes the SQL_ALL_TABLE_TYPES
        enumeration only for empty strings. Remove the decorator once null
        names count as empty there."""
        types = [row[0] for row in self.table_types()]
        self.assertEqual(len(types), len(set(types)), types)
        self.assertIn("MATERIALIZED VIEW", types)


class TypeInfo(unittest.TestCase):
    # (TYPE_NAME, DATA_TYPE as LibreOffice maps it, CREATE_PARAMS); Base's
    # table designer offers these and asks for the create parameters.
    EXPECTED = [
        ("bool", BIT, ""),
        ("int8", BIGINT, ""),
        ("bytea", LONGVARBINARY, ""),
        ("text", LONGVARCHAR, ""),
        ("numeric", NUMERIC, "precision,scale"),
        ("int4", INTEGER, ""),
        ("int2", SMALLINT, ""),
        ("float8", DOUBLE, ""),
        ("varchar", VARCHAR, "max length"),
        ("date", DATE, ""),
        ("timestamp", TIMESTAMP, "precision"),
    ]

    def test_type_info_lists_the_built_in_types_with_create_params(self):
        rows = rows_of(CONNECTION.getMetaData().getTypeInfo(),
                       get_string, get_int, get_int, get_string, get_string, get_string)
        by_name = {row[0]: (row[0], row[1], row[5] or "") for row in rows}
        for name, data_type, create_params in self.EXPECTED:
            with self.subTest(type=name):
                self.assertEqual(by_name.get(name), (name, data_type, create_params))

    def test_type_info_is_ordered_by_data_type(self):
        rows = rows_of(CONNECTION.getMetaData().getTypeInfo(), get_string, get_int)
        self.assertGreater(len(rows), 10)
        # LibreOffice keeps the driver's order; SQL_GUID (-11) maps to
        # VARBINARY here, so compare the driver's own DATA_TYPE order
        # through the rows that are not uuid.
        data_types = [data_type for name, data_type in rows if name != "uuid"]
        self.assertEqual(data_types, sorted(data_types))


class Indexes(unittest.TestCase):
    def indexes_of(self, table):
        indexes = CONNECTION.getTables().getByName(composed(table)).getIndexes()
        found = []
        for name in indexes.getElementNames():
            index = indexes.getByName(name)
            found.append((name, index.IsUnique, index.IsPrimaryKeyIndex,
                          list(index.getColumns().getElementNames())))
        return sorted(found)

    def test_unique_index_and_primary_key_index(self):
        self.assertEqual(self.indexes_of(AUTO), [
            (f"public.{AUTO}_name_key", True, False, ["name"]),
            (f"public.{AUTO}_pkey", True, True, ["id"]),
        ])

    def test_best_row_identifier_is_the_primary_key(self):
        result = CONNECTION.getMetaData().getBestRowIdentifier(None, "public", AUTO, 2, False)
        self.assertEqual(rows_of(result, get_int, get_string, get_int, get_string),
                         [(2, "id", INTEGER, "int4")])

    def test_exported_keys_name_the_referencing_table(self):
        result = CONNECTION.getMetaData().getExportedKeys(None, "public", CUSTOMER)
        getters = [get_string] * 8 + [get_int] * 3 + [get_string] * 2
        self.assertEqual(rows_of(result, *getters), [(
            DATABASE, "public", CUSTOMER, "id", DATABASE, "public", ORDER, "customer_id",
            1, NO_ACTION, CASCADE, f"{ORDER}_customer_id_fkey", f"{CUSTOMER}_pkey")])

    def test_primary_key_index_is_unique_with_its_columns(self):
        indexes = CONNECTION.getTables().getByName(composed(ORDER)).getIndexes()
        found = []
        for name in indexes.getElementNames():
            index = indexes.getByName(name)
            found.append((name, index.IsUnique, index.IsPrimaryKeyIndex,
                          list(index.getColumns().getElementNames())))
        self.assertEqual(found, [
            (f"public.{ORDER}_pkey", True, True, ["customer_id", "line"]),
        ])


class RowSets(unittest.TestCase):
    """com.sun.star.sdb.RowSet: what Base uses to open a table or a query."""

    def row_set(self, command_type, command):
        row_set = OFFICE.create("com.sun.star.sdb.RowSet")
        row_set.ActiveConnection = CONNECTION
        row_set.CommandType = command_type
        row_set.Command = command
        self.addCleanup(row_set.dispose)
        return row_set

    def test_opening_a_table_reads_every_row_exactly(self):
        row_set = self.row_set(0, composed(CUSTOMER))  # CommandType.TABLE
        row_set.Order = "id"
        row_set.execute()
        rows = []
        while row_set.next():
            rows.append((row_set.getInt(1), row_set.getString(2), row_set.getString(3),
                         row_set.getString(4)))
        self.assertEqual(rows, [(int(i), n, c, b) for i, n, c, b in CUSTOMERS])
        self.assertTrue(row_set.last())
        self.assertEqual(row_set.RowCount, len(CUSTOMERS))

    def test_editing_a_table_inserts_updates_and_deletes_rows(self):
        """Base's data view: edits through the RowSet of an opened table."""
        row_set = self.row_set(0, composed(EDIT))
        row_set.Order = "id"
        row_set.execute()
        row_set.moveToInsertRow()
        row_set.updateInt(1, 3)
        row_set.updateString(2, "Ørjan 🌜")
        row_set.updateString(3, "Tromsø")
        row_set.insertRow()
        self.assertTrue(row_set.first())
        row_set.updateString(3, "Malmö")
        row_set.updateRow()
        self.assertTrue(row_set.absolute(2))
        self.assertEqual(row_set.getString(2), "Jürgen")
        row_set.deleteRow()

        connection = owner_connect()
        try:
            rows = connection.cursor().execute(
                f"SELECT id, name, city FROM {EDIT} ORDER BY id").fetchall()
        finally:
            connection.close()
        self.assertEqual([tuple(row) for row in rows],
                         [(1, "Åsa", "Malmö"), (3, "Ørjan 🌜", "Tromsø")])

    def test_query_with_a_parameter(self):
        row_set = self.row_set(
            2, f"SELECT id, name FROM {CUSTOMER} WHERE city = ? ORDER BY id")  # COMMAND
        row_set.setString(1, "Ærøskøbing")
        row_set.execute()
        rows = []
        while row_set.next():
            rows.append((row_set.getInt(1), row_set.getString(2)))
        self.assertEqual(rows, [(1, "Zoë Ångström")])


if __name__ == "__main__":
    unittest.main()
