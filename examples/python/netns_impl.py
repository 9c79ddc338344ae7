#!/usr/bin/env python3
"""An external implementation of the netns-model v1 contract, in plain Python.

It speaks the NDJSON stdio protocol: one JSON object per line on stdin, one answer per line on
stdout. Written only from docs/contract.md and shared/DESIGN.md (sections 2 and 5), as a third,
independent implementation next to the model and the reference. Standard library only.

    {"reset": {"boot": "full"}}                      -> {"ok": true}
    {"id": 1, "action": {"type": "copy_net_ns", "net": "n1"}}
                                                     -> {"id": 1, "ret": {...}, "events": [...],
                                                         "view": {...}}
    a line that is not JSON / an unknown action      -> {"id": n or null, "error": "..."}

The kernel is modelled with plain Python objects; the functions carry the names of the kernel
functions they stand for (setup_net, ops_init, ops_undo_list, cleanup_net,
default_device_exit_batch, ...), so a reader can hold them next to net/core/net_namespace.c.
"""

import json
import sys

HOOKS = ("init", "pre_exit", "exit", "exit_batch", "exit_rtnl")  # canonical order
DEVICE_KINDS = ("dummy", "veth", "bridge", "physical")
MIN_PERNET_OPS_ID = 3  # first free slot of net->gen on 64-bit
IFNAMSIZ = 16  # names are 1..IFNAMSIZ-1 characters
SPACE_BYTES = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0}  # the kernel's isspace(), per byte
COUNTERS = ("workRuns", "pernetLock", "rtnl", "gracePeriods", "rcuBarriers", "unregisterMany")


class Errno(Exception):
    """A validation (or injected) failure: the action returns {ok: false, errno}."""

    def __init__(self, errno):
        super().__init__(errno)
        self.errno = errno


class ProtocolError(Exception):
    """A malformed request: answered with {"id", "error"} and no state change."""


# --------------------------------------------------------------------------- objects


class PernetOps:
    """struct pernet_operations: which hooks it has, whether it has generic data (ops->id)."""

    def __init__(self, op, kind, hooks, generic, core=False):
        self.op = op
        self.kind = kind  # 'subsys' | 'device'
        self.hooks = tuple(h for h in HOOKS if h in hooks)
        self.generic = generic
        self.id = None  # the net_generic slot, while registered
        self.core = core  # netdev, loopback, default_device of a full boot

    def has(self, hook):
        return hook in self.hooks


class NetDevice:
    """struct net_device: id, name, kind, the net it lives in, and (veth) its peer pointer."""

    def __init__(self, dev, name, kind, net):
        self.dev, self.name, self.kind, self.net = dev, name, kind, net
        self.peer = None

    @property
    def netns_local(self):
        return self.kind in ("loopback", "bridge")

    @property
    def rtnl_link_ops(self):
        """Virtual devices (dummy, veth, bridge) have rtnl_link_ops with a dellink."""
        return self.kind not in ("loopback", "physical")


class Net:
    """struct net: refcount, device list (dev_base_head), nsid table, generic data slots."""

    def __init__(self, net_id, count=1):
        self.id = net_id
        self.count = count
        self.devices = []  # NetDevice, list order
        self.netns_ids = {}  # peer net id -> nsid
        self.gen = set()  # op ids whose generic data is allocated on this net


# --------------------------------------------------------------------------- names


def _bytes(s):
    return len(s.encode("utf-8"))


def _spaces(s):
    """isspace() is applied to each byte; lib/ctype.c marks 0xA0 (Latin-1 NBSP) as space."""
    return any(b in SPACE_BYTES for b in s.encode("utf-8"))


def dev_valid_name(name):
    """dev_valid_name(): 1..15 bytes of UTF-8, not '.'/'..', no '/', ':', '%' or white space."""
    if not isinstance(name, str) or not 1 <= _bytes(name) < IFNAMSIZ or name in (".", ".."):
        return False
    return not any(c in "/:%" for c in name) and not _spaces(name)


def dev_valid_pattern(pat):
    """A valid name but for exactly one '%d' (the only '%' allowed), e.g. 'eth%d'."""
    if not isinstance(pat, str) or not 1 <= _bytes(pat) < IFNAMSIZ:
        return False
    if pat.count("%") != 1 or "%d" not in pat:
        return False
    return not any(c in "/:" for c in pat) and not _spaces(pat)


def netdev_name_in_use(net, name):
    return any(d.name == name for d in net.devices)


def dev_alloc_name(net, pat):
    """__dev_alloc_name(): the smallest K >= 0 such that pat % K is free in net; a result
    longer than 15 bytes is EEXIST."""
    k = 0
    while netdev_name_in_use(net, pat.replace("%d", str(k))):
        k += 1
    name = pat.replace("%d", str(k))
    if _bytes(name) >= IFNAMSIZ:
        raise Errno("EEXIST")
    return name


# --------------------------------------------------------------------------- request fields


_FIELD_TYPES = {str: "a non-empty string", bool: "a boolean", dict: "an object", list: "an array"}


def _field(action, key, kind=str, optional=False):
    """Read a field of an action; a missing or ill-typed field is a protocol error.

    kind=str is for ids (non-empty strings); kind=None takes any value (device names, which
    the contract validates itself and answers EINVAL for).
    """
    if key not in action or action[key] is None:
        if optional:
            return None
        raise ProtocolError(f"{action.get('type')}: missing field '{key}'")
    value = action[key]
    if kind is not None and (not isinstance(value, kind) or (kind is str and not value)):
        raise ProtocolError(f"{action.get('type')}: '{key}' must be {_FIELD_TYPES[kind]}")
    return value


# --------------------------------------------------------------------------- the kernel


class Kernel:
    """All the global state of one boot, and one method per action of the contract."""

    def __init__(self, boot="full"):
        self.boot = boot
        self.net_namespace_list = []  # listed nets, creation order
        self.pernet_list = []  # [subsys ... | device ...]
        self.first_device = None  # a PernetOps or None
        self.cleanup_list = []  # queued nets, newest first (llist_add pushes at the head)
        self.devices = {}  # registered device id -> NetDevice
        self.consumed_nets, self.consumed_ops, self.consumed_devs = set(), set(), set()
        self.counters = dict.fromkeys(COUNTERS, 0)
        self.events = []
        self.init_net = Net("init_net")
        self.consumed_nets.add("init_net")
        self.net_namespace_list.append(self.init_net)
        if boot == "full":
            self.net_dev_init()
        self.events = []  # boot records no events
        self.counters = dict.fromkeys(COUNTERS, 0)  # and counts nothing

    def net_dev_init(self):
        """Core pernet ops of net/core/dev.c, applied to init_net as registration would."""
        for op, kind, hooks in (
            ("netdev", "subsys", ("init", "exit")),
            ("loopback", "device", ("init",)),
            ("default_device", "device", ("exit_batch",)),
        ):
            ops = PernetOps(op, kind, hooks, generic=False, core=True)
            self.consumed_ops.add(op)
            self.pernet_list.append(ops)
            self.ops_init(ops, self.init_net)
        self.first_device = self.find_ops("loopback")

    # ---- helpers

    def emit(self, type_, **fields):
        self.events.append({"type": type_, **fields})

    def find_ops(self, op):
        return next((o for o in self.pernet_list if o.op == op), None)

    def listed(self, net_id):
        return next((n for n in self.net_namespace_list if n.id == net_id), None)

    def live(self, net_id):
        net = self.listed(net_id)
        return net if net is not None and net.count > 0 else None

    def synchronize_rcu(self):
        self.counters["gracePeriods"] += 1
        self.emit("synchronize_rcu")

    def rcu_barrier(self):
        self.counters["rcuBarriers"] += 1
        self.emit("rcu_barrier")

    # ---- building blocks

    def ops_init(self, ops, net, fail=False):
        """Publish the op's generic data, then call init; undo the data if init fails."""
        if ops.generic:
            net.gen.add(ops.op)
            self.emit("alloc", op=ops.op, net=net.id)
        if ops.has("init"):
            if fail:
                self.emit("init_failed", op=ops.op, net=net.id)
                if ops.generic:  # slot cleared, data freed at once
                    net.gen.discard(ops.op)
                    self.emit("free", op=ops.op, net=net.id)
                return False
            self.emit("init", op=ops.op, net=net.id)
            if ops.core and ops.op == "loopback":
                self.loopback_net_init(net)
        return True

    def loopback_net_init(self, net):
        """loopback_net_ops.init registers lo, the first device of every net."""
        self.counters["rtnl"] += 1  # register_netdev() takes RTNL
        lo = NetDevice(f"lo@{net.id}", "lo", "loopback", net)
        self.consumed_devs.add(lo.dev)
        self.devices[lo.dev] = lo
        net.devices.insert(0, lo)
        self.emit("dev_register", dev=lo.dev, net=net.id, name="lo")

    def ops_undo_list(self, ops_list, nets):
        """Undo ops_list (pernet order) on nets: pre_exit, GP, exit_rtnl, exit/exit_batch, free."""
        rev = list(reversed(ops_list))
        for ops in rev:  # A
            if ops.has("pre_exit"):
                for n in nets:
                    self.emit("pre_exit", op=ops.op, net=n.id)
        self.synchronize_rcu()  # B
        if any(ops.has("exit_rtnl") for ops in rev):  # C: nets outer, ops inner
            self.counters["rtnl"] += 1
            for n in nets:
                for ops in rev:
                    if ops.has("exit_rtnl"):
                        self.emit("exit_rtnl", op=ops.op, net=n.id)
            self.unregister_netdevice_many([])  # user callbacks kill no devices
        for ops in rev:  # D
            if ops.has("exit"):
                for n in nets:
                    self.emit("exit", op=ops.op, net=n.id)
            if ops.has("exit_batch"):
                self.emit("exit_batch", op=ops.op, nets=[n.id for n in nets])
                if ops.core and ops.op == "default_device":
                    self.default_device_exit_batch(nets)
        for ops in rev:  # E
            if ops.generic:
                for n in nets:
                    n.gen.discard(ops.op)
                    self.emit("free", op=ops.op, net=n.id)

    def default_device_exit_batch(self, nets):
        """Migrate physical devices to init_net, then kill every remaining device in one go."""
        self.counters["rtnl"] += 1
        for n in nets:  # default_device_exit_net: forward list order
            for dev in [d for d in n.devices if d.kind == "physical"]:
                name = self.dev_get_valid_name(dev, self.init_net, "dev%d")
                self.dev_move(dev, self.init_net, name)
        kill_list = []
        for n in nets:
            for dev in reversed(list(n.devices)):
                if dev.kind == "veth":
                    self.veth_dellink(dev, kill_list)
                else:
                    self.unregister_netdevice_queue(dev, kill_list)
        self.unregister_netdevice_many(kill_list)

    @staticmethod
    def unregister_netdevice_queue(dev, kill_list):
        """list_move_tail: queueing an already-queued device moves it to the tail."""
        if dev in kill_list:
            kill_list.remove(dev)
        kill_list.append(dev)

    def veth_dellink(self, dev, kill_list):
        """Queue the veth, then its peer if the peer pointer is still set; clear both."""
        peer = dev.peer
        dev.peer = None
        self.unregister_netdevice_queue(dev, kill_list)
        if peer is not None:
            peer.peer = None
            self.unregister_netdevice_queue(peer, kill_list)

    def unregister_netdevice_many(self, kill_list):
        """One call: dev_unregister for each device in kill-list order; they leave their nets."""
        self.counters["unregisterMany"] += 1
        for dev in kill_list:
            self.emit("dev_unregister", dev=dev.dev, net=dev.net.id)
            dev.net.devices.remove(dev)
            del self.devices[dev.dev]
            dev.peer = None

    def dev_get_valid_name(self, dev, target, pat):
        """The name dev takes in target: its own if free, else pat (literal or '%d' pattern)."""
        if not netdev_name_in_use(target, dev.name):
            return dev.name
        if pat is None:
            raise Errno("EEXIST")
        if not (dev_valid_name(pat) or dev_valid_pattern(pat)):
            raise Errno("EINVAL")
        if "%" in pat:
            return dev_alloc_name(target, pat)
        if netdev_name_in_use(target, pat):
            raise Errno("EEXIST")
        return pat

    def dev_move(self, dev, target, name):
        self.emit("dev_move", dev=dev.dev, **{"from": dev.net.id}, to=target.id, name=name)
        dev.net.devices.remove(dev)
        target.devices.append(dev)
        dev.net, dev.name = target, name

    # ---- actions: namespaces

    def copy_net_ns(self, a):
        """copy_net_ns(CLONE_NEWNET) -> setup_net: init every op, then publish the net."""
        net_id = _field(a, "net")
        fail = _field(a, "fail", dict, optional=True)
        fail_op = _field(fail, "op") if fail is not None else None
        if net_id in self.consumed_nets:
            raise Errno("EEXIST")
        if fail_op is not None:
            ops = self.find_ops(fail_op)
            if ops is None:
                raise Errno("ENOENT")
            if not ops.has("init"):
                raise Errno("EINVAL")
        self.consumed_nets.add(net_id)
        self.counters["pernetLock"] += 1
        return self.setup_net(Net(net_id), fail_op)

    def setup_net(self, net, fail_op):
        """ops_init for each op in pernet order; on failure undo the ops strictly before it."""
        for i, ops in enumerate(self.pernet_list):
            if not self.ops_init(ops, net, fail=ops.op == fail_op):
                self.ops_undo_list(self.pernet_list[:i], [net])
                self.rcu_barrier()
                for dev in list(net.devices):  # never happens: default_device already killed them
                    del self.devices[dev.dev]
                return {"ok": False, "errno": "ENOMEM"}
        self.net_namespace_list.append(net)
        self.emit("publish", net=net.id)
        return {"ok": True}

    def maybe_get_net(self, a):
        """get_net on a net that may be dying: refuses a count of 0."""
        net_id = _field(a, "net")
        net = self.listed(net_id)
        if net is None or net.count == 0:
            raise Errno("ENOENT")
        net.count += 1
        return {"ok": True, "count": net.count}

    def put_net(self, a):
        """put_net -> __put_net: at 0, push on the LIFO cleanup list (queue_work)."""
        net_id = _field(a, "net")
        net = self.listed(net_id)
        if net is None:
            raise Errno("ENOENT")
        if net.count == 0:
            raise Errno("EINVAL")
        if net is self.init_net and net.count == 1:
            raise Errno("EINVAL")
        net.count -= 1
        if net.count == 0:
            self.cleanup_list.insert(0, net)
            self.emit("queue", net=net.id)
        return {"ok": True, "count": net.count}

    def cleanup_net(self, a):
        """One run of net_cleanup_work: the whole cleanup list is one batch, newest first."""
        if not self.cleanup_list:
            raise Errno("EAGAIN")
        self.counters["workRuns"] += 1
        self.counters["pernetLock"] += 1
        batch, self.cleanup_list = self.cleanup_list, []  # llist_del_all
        self.emit("batch", nets=[n.id for n in batch])
        for n in batch:
            self.net_namespace_list.remove(n)
            self.emit("unlink", net=n.id)
        for n in batch:
            self.unhash_nsid(n)
        self.ops_undo_list(list(self.pernet_list), batch)
        self.rcu_barrier()
        for n in batch:
            self.emit("net_free", net=n.id)
        return {"ok": True, "nets": [n.id for n in batch]}

    def unhash_nsid(self, net):
        """Drop every survivor's id for a dying net (RTM_DELNSID); its own table goes silently."""
        for s in self.net_namespace_list:
            if net.id in s.netns_ids:
                nsid = s.netns_ids.pop(net.id)
                self.emit("nsid_unhash", **{"in": s.id}, peer=net.id, id=nsid)
        net.netns_ids.clear()

    def peernet2id_alloc(self, a):
        """The id net uses for peer: the existing one, else the lowest free id (RTM_NEWNSID)."""
        net_id, peer_id = _field(a, "net"), _field(a, "peer")
        net = self.live(net_id)
        if net is None:
            raise Errno("ENOENT")
        if self.live(peer_id) is None:
            raise Errno("ENOENT")
        if peer_id in net.netns_ids:
            return {"ok": True, "id": net.netns_ids[peer_id]}
        used = set(net.netns_ids.values())
        nsid = next(i for i in range(len(used) + 1) if i not in used)
        net.netns_ids[peer_id] = nsid
        self.emit("nsid_alloc", **{"in": net_id}, peer=peer_id, id=nsid)
        return {"ok": True, "id": nsid}

    # ---- actions: pernet operations

    def register_pernet_operations(self, a, kind):
        """register_pernet_subsys/_device: take an id, insert, ops_init on every listed net."""
        op = _field(a, "op")
        hooks = _field(a, "hooks", list)
        generic = _field(a, "generic", bool)
        fail = _field(a, "fail", dict, optional=True)
        fail_net = _field(fail, "net") if fail is not None else None
        if op in self.consumed_ops:
            raise Errno("EEXIST")
        if any(h not in HOOKS for h in hooks) or len(set(hooks)) != len(hooks):
            raise Errno("EINVAL")
        if fail_net is not None:
            if self.listed(fail_net) is None:
                raise Errno("ENOENT")
            if "init" not in hooks:
                raise Errno("EINVAL")
        self.consumed_ops.add(op)
        self.counters["pernetLock"] += 1
        ops = PernetOps(op, kind, hooks, generic)
        if generic:  # ida_alloc_min(MIN_PERNET_OPS_ID)
            taken = {o.id for o in self.pernet_list if o.id is not None}
            ops.id = next(i for i in range(MIN_PERNET_OPS_ID, 1 << 31) if i not in taken)
        if kind == "subsys" and self.first_device is not None:
            self.pernet_list.insert(self.pernet_list.index(self.first_device), ops)
        else:
            self.pernet_list.append(ops)
        if ops.has("init") or generic:
            nets = list(self.net_namespace_list)
            for k, net in enumerate(nets):
                if not self.ops_init(ops, net, fail=net.id == fail_net):
                    self.pernet_list.remove(ops)
                    self.ops_undo_list([ops], nets[:k])
                    self.rcu_barrier()
                    ops.id = None  # ida_free
                    return {"ok": False, "errno": "ENOMEM"}
        if kind == "device" and self.first_device is None:
            self.first_device = ops
        return {"ok": True, "id": ops.id} if generic else {"ok": True}

    def unregister_pernet_operations(self, a, kind):
        """unregister_pernet_subsys/_device: unlink the op, undo it on every listed net."""
        op = _field(a, "op")
        ops = self.find_ops(op)
        if ops is None:
            raise Errno("ENOENT")
        if ops.core:
            raise Errno("EPERM")
        if ops.kind != kind:
            raise Errno("EINVAL")
        self.counters["pernetLock"] += 1
        if ops is self.first_device:
            i = self.pernet_list.index(ops)
            nxt = self.pernet_list[i + 1] if i + 1 < len(self.pernet_list) else None
            self.first_device = nxt
        self.pernet_list.remove(ops)
        self.ops_undo_list([ops], list(self.net_namespace_list))
        self.rcu_barrier()
        ops.id = None  # ida_free
        return {"ok": True}

    # ---- actions: devices

    def register_netdevice(self, a):
        """register_netdevice(), or veth_newlink() which registers the peer first."""
        dev_id, name, net_id = _field(a, "dev"), _field(a, "name", None), _field(a, "net")
        kind = _field(a, "kind")
        peer = _field(a, "peer", dict, optional=True)
        if peer is not None:
            p_dev, p_name = _field(peer, "dev"), _field(peer, "name", None)
            p_net = _field(peer, "net")
        if self.boot == "bare":
            raise Errno("EOPNOTSUPP")
        if dev_id in self.consumed_devs:
            raise Errno("EEXIST")
        if any(d.startswith("lo@") for d in (dev_id, p_dev if peer is not None else "")):
            raise Errno("EINVAL")  # lo@<net> names loopback devices
        net = self.live(net_id)
        if net is None:
            raise Errno("ENOENT")
        if not dev_valid_name(name):
            raise Errno("EINVAL")
        if kind not in DEVICE_KINDS or (kind == "veth") != (peer is not None):
            raise Errno("EINVAL")
        if netdev_name_in_use(net, name):
            raise Errno("EEXIST")
        if kind == "veth":
            if p_dev in self.consumed_devs or p_dev == dev_id:
                raise Errno("EEXIST")
            pnet = self.live(p_net)
            if pnet is None:
                raise Errno("ENOENT")
            if not dev_valid_name(p_name):
                raise Errno("EINVAL")
            if netdev_name_in_use(pnet, p_name) or (pnet is net and p_name == name):
                raise Errno("EEXIST")
        self.counters["rtnl"] += 1
        dev = NetDevice(dev_id, name, kind, net)
        if kind == "veth":
            peer_dev = NetDevice(p_dev, p_name, kind, pnet)
            self._register(peer_dev)
            self._register(dev)
            dev.peer, peer_dev.peer = peer_dev, dev
        else:
            self._register(dev)
        return {"ok": True}

    def _register(self, dev):
        self.consumed_devs.add(dev.dev)
        self.devices[dev.dev] = dev
        dev.net.devices.append(dev)
        self.emit("dev_register", dev=dev.dev, net=dev.net.id, name=dev.name)

    def _live_device(self, dev_id):
        dev = self.devices.get(dev_id)
        if dev is None or dev.net.count == 0:
            raise Errno("ENOENT")
        return dev

    def dev_change_net_namespace(self, a):
        """Move a device to another net, keeping its name if free, else using name/pattern."""
        dev_id, net_id = _field(a, "dev"), _field(a, "net")
        pat = _field(a, "name", None, optional=True)
        dev = self._live_device(dev_id)
        target = self.live(net_id)
        if target is None:
            raise Errno("ENOENT")
        if dev.netns_local:
            raise Errno("EINVAL")
        if target is dev.net:
            self.counters["rtnl"] += 1
            return {"ok": True}
        # pat is read only when the device's own name is taken in the target
        name = self.dev_get_valid_name(dev, target, pat)  # may raise EEXIST/EINVAL: no change
        self.counters["rtnl"] += 1
        self.dev_move(dev, target, name)
        return {"ok": True}

    def rtnl_dellink(self, a):
        """unregister_netdev of a virtual device: dellink onto a fresh kill list, kill it."""
        dev = self._live_device(_field(a, "dev"))
        if not dev.rtnl_link_ops:
            raise Errno("EOPNOTSUPP")
        self.counters["rtnl"] += 1
        kill_list = []
        if dev.kind == "veth":
            self.veth_dellink(dev, kill_list)
        else:
            self.unregister_netdevice_queue(dev, kill_list)
        self.unregister_netdevice_many(kill_list)
        return {"ok": True}

    # ---- the step and the view

    ACTIONS = {
        "copy_net_ns": lambda k, a: k.copy_net_ns(a),
        "get_net": lambda k, a: k.maybe_get_net(a),
        "put_net": lambda k, a: k.put_net(a),
        "cleanup_net": lambda k, a: k.cleanup_net(a),
        "register_pernet_subsys": lambda k, a: k.register_pernet_operations(a, "subsys"),
        "register_pernet_device": lambda k, a: k.register_pernet_operations(a, "device"),
        "unregister_pernet_subsys": lambda k, a: k.unregister_pernet_operations(a, "subsys"),
        "unregister_pernet_device": lambda k, a: k.unregister_pernet_operations(a, "device"),
        "register_netdev": lambda k, a: k.register_netdevice(a),
        "dev_change_net_namespace": lambda k, a: k.dev_change_net_namespace(a),
        "unregister_netdev": lambda k, a: k.rtnl_dellink(a),
        "peernet2id_alloc": lambda k, a: k.peernet2id_alloc(a),
    }

    def apply(self, action):
        """One step: returns (ret, events). Raises ProtocolError on a malformed action.

        Every handler reads and validates all of its input before it changes anything, so an
        Errno or a ProtocolError leaves the state (counters included) untouched.
        """
        handler = self.ACTIONS.get(action.get("type"))
        if handler is None:
            raise ProtocolError(f"unknown action type {action.get('type')!r}")
        self.events = []
        try:
            ret = handler(self, action)
        except Errno as e:
            self.events = []
            ret = {"ok": False, "errno": e.errno}
        events, self.events = self.events, []
        return ret, events

    def view(self):
        """The abstract view of the contract, compared after every step."""
        return {
            "nets": [
                {
                    "id": n.id,
                    "count": n.count,
                    "queued": n.count == 0,
                    "devices": [{"dev": d.dev, "name": d.name, "kind": d.kind} for d in n.devices],
                    "nsids": [
                        {"peer": p, "id": i}
                        for p, i in sorted(n.netns_ids.items(), key=lambda kv: kv[1])
                    ],
                    "data": [o.op for o in self.pernet_list if o.generic and o.op in n.gen],
                }
                for n in self.net_namespace_list
            ],
            "pernet": [
                {"op": o.op, "kind": o.kind, "hooks": list(o.hooks)}
                | ({"id": o.id} if o.generic else {})
                for o in self.pernet_list
            ],
            "firstDevice": self.first_device.op if self.first_device else None,
            "cleanupList": [n.id for n in self.cleanup_list],
            "counters": dict(self.counters),
        }


# --------------------------------------------------------------------------- the protocol


def handle_line(session, line):
    """Answer one request line. session is a one-element list holding the current Kernel."""
    try:
        msg = json.loads(line)
    except ValueError as e:
        return {"id": None, "error": f"invalid JSON: {e}"}
    if not isinstance(msg, dict):
        return {"id": None, "error": "a request must be a JSON object"}
    if "reset" in msg:
        opts = msg["reset"]
        boot = opts.get("boot", "full") if isinstance(opts, dict) else "full"
        if boot not in ("full", "bare"):
            return {"id": msg.get("id"), "error": f"unknown boot {boot!r}"}
        session[0] = Kernel(boot)
        return {"ok": True}
    req_id = msg.get("id")
    action = msg.get("action")
    if not isinstance(action, dict):
        return {"id": req_id, "error": "missing 'action' object"}
    kernel = session[0]
    try:
        ret, events = kernel.apply(action)
    except ProtocolError as e:
        return {"id": req_id, "error": str(e)}
    except Exception as e:  # a bug here must not kill the run; the harness reports it
        return {"id": req_id, "error": f"internal error: {type(e).__name__}: {e}"}
    return {"id": req_id, "ret": ret, "events": events, "view": kernel.view()}


def main():
    session = [Kernel("full")]
    for raw in sys.stdin.buffer:
        line = raw.decode("utf-8", errors="replace").strip()
        if not line:
            continue
        sys.stdout.write(json.dumps(handle_line(session, line)) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
