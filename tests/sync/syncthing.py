"""Two real Syncthing instances on loopback, for the end-to-end test.

Each has its own home folder (config, keys, database) under the test's temp folder, the
GUI and the sync protocol on 127.0.0.1 only, and global discovery, local discovery,
relays, NAT traversal, usage reporting, crash reporting and upgrades turned off: nothing
leaves the machine.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BINARY = shutil.which("syncthing")
FOLDER_ID = "threadline-sync"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Instance:
    home: Path
    device_id: str
    port: int
    gui_port: int
    folder: Path
    process: subprocess.Popen[bytes] | None = None


def _set(parent: ET.Element, tag: str, value: str) -> None:
    node = parent.find(tag)
    if node is None:
        node = ET.SubElement(parent, tag)
    node.text = value


def generate(home: Path, folder: Path) -> Instance:
    assert BINARY is not None
    result = subprocess.run([BINARY, "generate", f"--home={home}", "--no-default-folder",
                             "--skip-port-probing"], capture_output=True, check=True,
                            env=_env(home))
    found = re.search(rb"Device ID: ([A-Z0-9-]+)", result.stdout + result.stderr)
    assert found is not None
    return Instance(home, found.group(1).decode(), free_port(), free_port(), folder)


def _env(home: Path) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "STNOUPGRADE": "1",
            "STNODEFAULTFOLDER": "1", "STNORESTART": "1"}


def configure(me: Instance, peer: Instance) -> None:
    path = me.home / "config.xml"
    tree = ET.parse(path)
    root = tree.getroot()
    for folder in root.findall("folder"):
        root.remove(folder)
    for device in root.findall("device"):
        if device.get("id") != me.device_id:
            root.remove(device)
    device = ET.SubElement(root, "device", {
        "id": peer.device_id, "name": "peer", "compression": "metadata",
        "introducer": "false", "skipIntroductionRemovals": "false", "introducedBy": ""})
    _set(device, "address", f"tcp://127.0.0.1:{peer.port}")
    folder = ET.Element("folder", {
        "id": FOLDER_ID, "label": "Threadline", "path": str(me.folder), "type": "sendreceive",
        "rescanIntervalS": "2", "fsWatcherEnabled": "true", "fsWatcherDelayS": "1",
        "ignorePerms": "false", "autoNormalize": "true"})
    for ident in (me.device_id, peer.device_id):
        ET.SubElement(folder, "device", {"id": ident, "introducedBy": ""})
    root.insert(0, folder)
    gui = root.find("gui")
    assert gui is not None
    _set(gui, "address", f"127.0.0.1:{me.gui_port}")
    options = root.find("options")
    assert options is not None
    for tag, value in (("listenAddress", f"tcp://127.0.0.1:{me.port}"),
                       ("globalAnnounceEnabled", "false"), ("localAnnounceEnabled", "false"),
                       ("relaysEnabled", "false"), ("natEnabled", "false"),
                       ("startBrowser", "false"), ("urAccepted", "-1"),
                       ("autoUpgradeIntervalH", "0"), ("crashReportingEnabled", "false")):
        _set(options, tag, value)
    tree.write(path)


def start(instance: Instance) -> None:
    assert BINARY is not None
    log = open(instance.home / "syncthing.log", "wb")  # noqa: SIM115 (kept with the process)
    instance.process = subprocess.Popen(
        [BINARY, "serve", f"--home={instance.home}", "--no-browser", "--no-restart",
         "--no-upgrade"], stdout=log, stderr=subprocess.STDOUT, env=_env(instance.home),
        start_new_session=True)


def stop(instance: Instance) -> None:
    if instance.process is None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(instance.process.pid, signal.SIGTERM)
    try:
        instance.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(instance.process.pid, signal.SIGKILL)
        instance.process.wait()


@contextlib.contextmanager
def pair_of_instances(root: Path) -> Iterator[tuple[Instance, Instance]]:
    one = generate(root / "st1", root / "Sync1")
    two = generate(root / "st2", root / "Sync2")
    configure(one, two)
    configure(two, one)
    try:
        start(one)
        start(two)
        yield one, two
    finally:
        stop(one)
        stop(two)
