"""The first program inside the agent sandbox: limits, loopback, no capabilities, then the tool's command.

Run as ``python -I -S sandbox_entry.py CONFIG -- ARGV...`` by ``twingen.agent.tools.sandbox`` (through
``unshare`` or ``bwrap`` where they work, directly where they do not). It is a standalone script on purpose:
it imports only the standard library (never ``twingen``), so nothing in the twin or on ``PYTHONPATH`` runs
before the limits are in place. CONFIG is a JSON object:

- ``rlimits``: resource name (``AS``, ``CPU``, ``FSIZE``, ``CORE``, ``NOFILE``) -> limit, set soft = hard;
- ``tasks``: at most this many processes and threads: ``RLIMIT_NPROC`` (counted in the new user namespace,
  or over the user's existing tasks when there is none) and, in a pid namespace, its ``pid_max``, the only
  cap that also holds for root (the kernel never applies ``RLIMIT_NPROC`` to uid 0);
- ``loopback``: bring ``lo`` up (a new network namespace starts with it down);
- ``init``: we are pid 1 of new pid and mount namespaces: fork the command and reap orphans until it exits;
- ``read_only``: folders bound read-only in that mount namespace (what Python imports: its installation,
  site-packages, twingen), so the command cannot plant code that a later twingen process would run.

Then every capability leaves the bounding set (so the command, even as root in its namespace, execs with
none), ``no_new_privs`` is set (no setuid binary can give them back) and the command is exec'd.
``--report`` instead prints what the sandbox looks like from inside, as JSON (``sandbox.detect`` reads it).
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import json
import os
import resource
import socket
import struct
import sys
from typing import Any

PR_SET_NO_NEW_PRIVS = 38
PR_CAPBSET_DROP = 24
PR_CAP_AMBIENT = 47
PR_CAP_AMBIENT_CLEAR_ALL = 4
SIOCGIFFLAGS = 0x8913
SIOCSIFFLAGS = 0x8914
IFF_UP = 0x1
CAPABILITY_VERSION_3 = 0x20080522
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND, MS_REC = 1, 2, 4, 8, 32, 4096, 16384
MS_NOATIME, MS_NODIRATIME, MS_RELATIME = 1024, 2048, 1 << 21
_KEPT_FLAGS = ((2, MS_NOSUID), (4, MS_NODEV), (8, MS_NOEXEC), (1024, MS_NOATIME), (2048, MS_NODIRATIME),
               (4096, MS_RELATIME))  # fmt: skip
"""statvfs's ST_NOSUID, ST_NODEV, ST_NOEXEC, ST_NOATIME, ST_NODIRATIME, ST_RELATIME (Linux) -> mount flags."""
IFREQ = "16sh22x"  # struct ifreq: the name, then ifr_flags at the start of a 24-byte union
RESERVED_PIDS = 300
"""A pid namespace hands out pids up to 300 once, then from [300, pid_max): pid_max = 300 + tasks."""

_LIMITS = {"AS": resource.RLIMIT_AS, "CPU": resource.RLIMIT_CPU, "FSIZE": resource.RLIMIT_FSIZE,
           "CORE": resource.RLIMIT_CORE, "NOFILE": resource.RLIMIT_NOFILE}  # fmt: skip


def _prctl(option: int, arg: int = 0, arg3: int = 0) -> int:
    libc = ctypes.CDLL(None, use_errno=True)
    result: int = libc.prctl(ctypes.c_int(option), ctypes.c_ulong(arg), ctypes.c_ulong(arg3), ctypes.c_ulong(0),
                             ctypes.c_ulong(0))  # fmt: skip
    return result


def loopback_up() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        flags = struct.unpack(IFREQ, fcntl.ioctl(sock, SIOCGIFFLAGS, struct.pack(IFREQ, b"lo", 0)))[1]
        fcntl.ioctl(sock, SIOCSIFFLAGS, struct.pack(IFREQ, b"lo", flags | IFF_UP))


def own_tasks() -> int:
    """Processes and threads of this real uid that this /proc shows (what ``RLIMIT_NPROC`` counts)."""
    uid, count = os.getuid(), 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    count += len(os.listdir(f"/proc/{entry}/task"))
    return count


def limit_tasks(tasks: int, in_user_namespace: bool, init: bool) -> None:
    # in a new user namespace RLIMIT_NPROC counts only that namespace's tasks; without one, all of the user's
    base = 0 if in_user_namespace else own_tasks()
    lower(resource.RLIMIT_NPROC, base + tasks)
    if init:  # root is exempt from RLIMIT_NPROC; the pid namespace's pid_max (Linux 6.14+) is not
        with contextlib.suppress(OSError), open("/proc/sys/kernel/pid_max", "w") as pid_max:
            pid_max.write(str(RESERVED_PIDS + tasks))
        # uid 0 of the namespace may write pid_max back even without capabilities: /proc/sys goes read-only
        make_read_only("/proc/sys")


def make_read_only(path: str) -> bool:
    """Bind ``path`` over itself read-only in our mount namespace; undoing it needs CAP_SYS_ADMIN, which the
    command will not have. The flags the mount already has are kept (a user namespace may not drop them)."""
    libc = ctypes.CDLL(None, use_errno=True)
    try:
        kept = os.statvfs(path).f_flag
    except OSError:
        return False
    flags = MS_REMOUNT | MS_BIND | MS_RDONLY | sum(ms for st, ms in _KEPT_FLAGS if kept & st)
    target = path.encode()
    bound: int = libc.mount(target, target, None, MS_BIND | MS_REC, None)
    return bound == 0 and int(libc.mount(None, target, None, flags, None)) == 0


def drop_capabilities() -> None:
    try:
        with open("/proc/sys/kernel/cap_last_cap") as last:
            top = int(last.read())
    except (OSError, ValueError):
        top = 63
    for cap in range(top + 1):
        _prctl(PR_CAPBSET_DROP, cap)  # refused (EPERM) where we hold none: then there is nothing to drop
    _prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)
    # and the inheritable set: an exec as root keeps what is inheritable, whatever the bounding set says
    header = (ctypes.c_uint32 * 2)(CAPABILITY_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable, twice (64 bits each): all empty
    if ctypes.CDLL(None, use_errno=True).capset(header, data) != 0:
        raise OSError(ctypes.get_errno(), "capset")
    if _prctl(PR_SET_NO_NEW_PRIVS, 1) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS)")


def in_new_user_namespace() -> bool:
    try:
        with open("/proc/self/uid_map") as mapping:
            return mapping.read().split() != ["0", "0", "4294967295"]
    except OSError:
        return False


def lower(limit: int, value: int) -> None:
    """Soft and hard limit both ``value``, or the hard limit already set when that is lower."""
    hard = resource.getrlimit(limit)[1]
    value = value if hard == resource.RLIM_INFINITY else min(value, hard)
    resource.setrlimit(limit, (value, value))


def enter(config: dict[str, Any]) -> None:
    """Everything before the exec, in order: loopback (needs CAP_NET_ADMIN), limits, then no capabilities."""
    linux = sys.platform == "linux"
    if config.get("loopback"):
        loopback_up()
    for name, value in config.get("rlimits", {}).items():
        try:
            lower(_LIMITS[name], int(value))
        except (ValueError, OSError):
            if linux:  # elsewhere some limits (RLIMIT_AS on macOS) cannot be set: the rest still are
                raise
    if linux and config.get("tasks"):
        limit_tasks(int(config["tasks"]), in_new_user_namespace(), bool(config.get("init")))
    if linux and config.get("init"):  # a mount namespace of our own: what Python imports cannot be changed
        for path in config.get("read_only", ()):
            make_read_only(path)
    if linux:
        drop_capabilities()


def run_as_init(argv: list[str]) -> int:
    """pid 1 of the namespace: fork the command, reap every orphan, exit with the command's status."""
    child = os.fork()
    if child == 0:
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    while True:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            return 1
        if pid == child:
            code = os.waitstatus_to_exitcode(status)
            return code if code >= 0 else 128 - code  # killed by a signal: 128 + its number, as a shell says


def report(parent_namespaces: dict[str, str], read_only: list[str]) -> dict[str, Any]:
    """What code in the sandbox finds: namespaces unlike the parent's, interfaces, loopback, limits, capabilities."""
    names = {}
    for kind in ("user", "pid", "net", "mnt"):
        with contextlib.suppress(OSError):
            names[kind] = os.readlink(f"/proc/self/ns/{kind}")
    loopback = False
    with contextlib.suppress(OSError), socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=2):
            loopback = True
    status = {}
    with open("/proc/self/status") as lines:
        for line in lines:
            key, _, value = line.partition(":")
            status[key] = value.strip()
    pid_max = ""
    with contextlib.suppress(OSError), open("/proc/sys/kernel/pid_max") as f:
        pid_max = f.read().strip()
    pid_max_writable = os.access("/proc/sys/kernel/pid_max", os.W_OK) and not _read_only("/proc/sys")
    return {
        "new_namespaces": sorted(k for k, v in names.items() if parent_namespaces.get(k) not in (None, v)),
        "interfaces": sorted(name for _, name in socket.if_nameindex()),
        "loopback": loopback,
        "uid": os.getuid(),
        "capabilities": status.get("CapEff", ""),
        "no_new_privs": status.get("NoNewPrivs", ""),
        "nproc": resource.getrlimit(resource.RLIMIT_NPROC)[0],
        "pid_max": int(pid_max) if pid_max.isdigit() else 0,
        "pid_max_writable": pid_max_writable,
        "read_only": [path for path in read_only if _read_only(path)],
    }


def _read_only(path: str) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def main(args: list[str]) -> int:
    if args[:1] == ["--report"]:
        print(json.dumps(report(json.loads(args[1]), json.loads(args[2]))))
        return 0
    config, argv = json.loads(args[0]), args[args.index("--") + 1 :]
    enter(config)
    if config.get("init"):
        return run_as_init(argv)
    os.execvp(argv[0], argv)
    return 127  # pragma: no cover (execvp does not return)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
