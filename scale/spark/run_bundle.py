#!/usr/bin/env python3
"""ChurnWatch reference Spark job: writes a facts bundle (docs/facts-contract.md) on a cluster.

    spark-submit scale/spark/run_bundle.py \
        --input s3a://lake/churnwatch/canonical --output s3a://walls/churnwatch/bundle \
        --as-of 2026-09-30 --period month --churn-days 180 \
        --period-basis subscriptions --value-basis orders --churn-rule contractual

--input holds the canonical tables as Parquet, <table>.parquet (a file or a Spark output folder) for
customers, orders, subscriptions and activity; a missing one is an empty table. Every step of
job.json runs as spark.sql(<file>) with its ${name} placeholders filled exactly as the DuckDB runner
(duckdbRunner.ts) fills them, and is cached as a temp view under its name. The bundle files are
written one Parquet file each, <table>.parquet, BOOLEAN as INT8 (1/0/NULL, the contract's codec),
then manifest.json last. The SQL is tested on DuckDB and against the SparkSQL grammar, not on a
Spark cluster: see README.md beside this file.
"""
import argparse
import datetime
import hashlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "job.json"), encoding="utf-8") as fh:
    JOB = json.load(fh)

# The same checks as duckdbRunner.ts: every value is pasted into SQL.
CHECKS = {
    "as_of": lambda v: re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) is not None and bool(datetime.date.fromisoformat(v)),
    "period": lambda v: v in ("week", "month", "quarter", "year"),
    "churn_days": lambda v: re.fullmatch(r"\d{1,5}", v) is not None,
    "period_basis": lambda v: v in ("orders", "subscriptions"),
    "value_basis": lambda v: v in ("orders", "mrr", "monthly_value", "none"),
    "churn_rule": lambda v: v in ("labeled", "contractual", "rule"),
    "silent_days": lambda v: v == "-1" or re.fullmatch(r"\d{1,5}(\.\d+)?", v) is not None,
    "min_silent_days": lambda v: re.fullmatch(r"\d{1,5}(\.\d+)?", v) is not None,
    "renewal_warning_days": lambda v: re.fullmatch(r"\d{1,5}", v) is not None,
}


def fill(sql, params):
    """Fills ${name} placeholders; an unknown name or an invalid value is an error."""
    for name, check in CHECKS.items():
        if not check(str(params[name])):
            raise ValueError("parameter %s = %r is not valid" % (name, params[name]))

    def sub(m):
        if m.group(1) not in CHECKS:
            raise ValueError("unknown parameter ${%s}" % m.group(1))
        return str(params[m.group(1)])

    return re.sub(r"\$\{([^}]*)\}", sub, sql)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--input", required=True, help="folder (or object-store prefix) of <table>.parquet canonical tables")
    ap.add_argument("--output", required=True, help="folder (or object-store prefix) the bundle is written to")
    ap.add_argument("--as-of", required=True)
    ap.add_argument("--period", default="month")
    ap.add_argument("--churn-days", default="180")
    ap.add_argument("--period-basis", required=True)
    ap.add_argument("--value-basis", required=True)
    ap.add_argument("--churn-rule", required=True)
    ap.add_argument("--silent-days", default="-1")
    ap.add_argument("--min-silent-days", default="30")
    ap.add_argument("--renewal-warning-days", default="15")
    a = ap.parse_args(argv)
    params = {k: str(getattr(a, k)) for k in CHECKS}
    fill("", params)  # checks every value before Spark starts

    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    spark = SparkSession.builder.appName("churnwatch-facts").getOrCreate()
    # The canonical tables hold wall-clock dates and times: no time zone may shift a day.
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    jvm, hconf = spark._jvm, spark._jsc.hadoopConfiguration()
    Path = jvm.org.apache.hadoop.fs.Path
    out = a.output.rstrip("/")
    fs = Path(out).getFileSystem(hconf)

    for table in JOB["inputs"]:
        path = "%s/%s.parquet" % (a.input.rstrip("/"), table)
        if Path(path).getFileSystem(hconf).exists(Path(path)):
            df = spark.read.parquet(path)
        else:
            df = spark.createDataFrame([], JOB["inputSchemas"][table])
        df.createOrReplaceTempView(table)

    for step in JOB["steps"]:
        with open(os.path.join(HERE, "sql", step["name"] + ".sql"), encoding="utf-8") as fh:
            df = spark.sql(fill(fh.read(), params))
        df.createOrReplaceTempView(step["name"])
        spark.catalog.cacheTable(step["name"])

    files = []
    for step in (s for s in JOB["steps"] if s["bundle"]):
        name = step["name"]
        df = spark.table(name)
        contract = JOB["contractTables"][name]
        columns = []
        for spec in contract["columns"].split(", "):
            col, typ = spec.split(":")
            columns.append({"name": col, "type": typ, "encoding": "int8" if typ == "BOOLEAN" else "native"})
        if [f.name for f in df.schema.fields] != [c["name"] for c in columns]:
            raise RuntimeError("%s: columns %s differ from the contract's" % (name, df.columns))
        enc = [F.col(c["name"]).cast("tinyint").alias(c["name"]) if c["encoding"] == "int8" else F.col(c["name"]) for c in columns]
        rows = df.count()
        entry = {"table": name, "file": None, "rows": rows, "bytes": 0, "sha256": None,
                 "key": contract["key"], "columns": columns}
        if rows > 0:
            tmp = "%s/_tmp_%s" % (out, name)
            df.select(*enc).coalesce(1).write.mode("overwrite").option("compression", "zstd").parquet(tmp)
            part = [s.getPath() for s in fs.listStatus(Path(tmp)) if s.getPath().getName().endswith(".parquet")][0]
            target = Path("%s/%s.parquet" % (out, name))
            fs.delete(target, False)
            fs.rename(part, target)
            fs.delete(Path(tmp), True)
            content = spark.read.format("binaryFile").load(target.toString()).select("content").first()[0]
            entry.update(file=name + ".parquet", bytes=len(content), sha256=hashlib.sha256(content).hexdigest())
        files.append(entry)

    manifest = {
        "contract": JOB["contract"],
        "version": JOB["version"],
        "asOf": params["as_of"],
        "writtenAt": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        "engine": "spark-sql",
        "settings": {"asOf": params["as_of"], "period": params["period"], "churnDays": int(params["churn_days"]),
                     "silentDays": None if params["silent_days"] == "-1" else float(params["silent_days"]),
                     "minSilentDays": float(params["min_silent_days"]),
                     "renewalWarningDays": int(params["renewal_warning_days"])},
        "decisions": {"churnRule": params["churn_rule"], "periodBasis": params["period_basis"],
                      "valueBasis": None if params["value_basis"] == "none" else params["value_basis"]},
        "files": files,
        "omitted": [{"table": t, "reason": r} for t, r in JOB["notProduced"].items()],
        "partial": [{"table": t, "reason": r} for t, r in JOB["partlyProduced"].items()],
    }
    stream = fs.create(Path(out + "/manifest.json"), True)
    stream.write(bytearray((json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")))
    stream.close()
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
