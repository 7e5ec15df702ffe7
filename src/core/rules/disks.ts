// Rule family: disks. Writing raw devices (dd of=/dev/…, `> /dev/sda`), making filesystems, partitioning,
// wiping signatures, discarding blocks, LUKS formatting, macOS diskutil erasure, Windows `format`,
// and volume managers (LVM, ZFS, mdadm). All of these destroy a whole disk's data: critical.
import type { Finding, Risk, Tag } from '../model.js';
import { positionalWords, writeTargets } from '../write-targets.js';
import type { CommandView, Rule } from './rule.js';

const BLOCK_DEVICE = /^\/dev\/(sd[a-z]+\d*|hd[a-z]+\d*|vd[a-z]+\d*|xvd[a-z]+\d*|nvme\d+(n\d+)?(p\d+)?|mmcblk\d+(p\d+)?|r?disk\d+(s\d+)?|loop\d+(p\d+)?|md\d+|md\/.+|dm-\d+|mapper\/.+|[a-z0-9_-]+\/[a-z0-9_-]+|sr\d+|nbd\d+(p\d+)?|zd\d+|rbd\d+|ram\d+|mem|kmem|port|disk\/by-[a-z]+\/.+|root|xvd[a-z]+|fd\d+|hda|sda)$/;
const NON_DISK = /^\/dev\/(null|zero|full|random|urandom|stdout|stderr|stdin|tty\w*|pts\/\d+|fd\/\d+|shm\/.*|console|ptmx|log|kmsg)$/;
export const isBlockDevice = (p: string): boolean => p.startsWith('/dev/') && !NON_DISK.test(p) && BLOCK_DEVICE.test(p);
const DISK_TAGS: readonly Tag[] = ['disk', 'irreversible', 'data-loss'];

function deviceFinding(v: CommandView, id: string, device: string, what: string, risk: Risk = 'critical', extra: readonly Tag[] = []): Finding {
  const remote = v.cmd.ctx.remote;
  return {
    ruleId: id, risk, effect: 'delete',
    summary: `${what} ${device}${remote ? ` on ${remote.replace(/^\w+ /, '')}` : ''}: everything on it is lost`,
    targets: [{ kind: 'device', name: device }],
    reversibility: 'irreversible',
    tags: [...DISK_TAGS, ...extra, ...(v.cmd.ctx.privileged ? (['privilege'] as Tag[]) : [])],
    alternatives: [`lsblk -f ${device}  — check which disk this is and what is mounted from it first`],
    remote: remote ? { identifiers: [remote.replace(/^\w+ /, '')], destructive: true } : undefined,
  };
}

const devicesIn = (v: CommandView, skipFirst = 0): string[] => positionalWords(v, VALUE_OPTS).slice(skipFirst).map((w) => w.text).filter((t) => t.startsWith('/dev/') && !NON_DISK.test(t));
const VALUE_OPTS = new Set(['-t', '--type', '-L', '--label', '-n', '-b', '-c', '-o', '--offset', '-s', '--size', '-O', '-E', '-m', '-T', '-U', '-N', '-g', '-G', '-I', '-i', '-j', '-J', '-l', '-C', '-e', '--cipher', '--key-size', '--hash', '--key-file', '-d', '--key-slot', '--uuid', '--label', '--sector-size', '--pbkdf', '--type', '-p', '--step', '-z', '--zero', '-k', '-a', '--align', '--script']);

const dd: Rule = {
  id: 'disks.dd',
  programs: ['dd', 'dcfldd', 'dc3dd', 'ddrescue'],
  complete: true,
  description: 'dd of=/dev/…: writes raw blocks over a disk or partition',
  check(v) {
    const of = v.program === 'ddrescue' ? v.positionals()[1] : v.args.find((a) => a.startsWith('of='))?.slice(3);
    if (!of) return undefined;
    if (isBlockDevice(of) || (of.startsWith('/dev/') && !NON_DISK.test(of))) return deviceFinding(v, 'disks.dd', of, `overwrites the device`);
    return undefined;
  },
};

const mkfs: Rule = {
  id: 'disks.mkfs',
  programs: 'any',
  description: 'mkfs/mke2fs/mkswap/newfs: creates a new filesystem, erasing the old one',
  check(v) {
    const p = v.program;
    if (!(p.startsWith('mkfs') || p.startsWith('newfs') || p === 'mke2fs' || p === 'mkswap' || p === 'mkntfs' || p === 'mkdosfs' || p === 'mkexfatfs' || p === 'mke2fs' || p === 'mkfs.btrfs')) return undefined;
    if (v.has('-V', '--version', '-h', '--help') && v.args.length === 1) return undefined;
    const dry = (p === 'mke2fs' || p.startsWith('mkfs.ext')) && v.has('-n');
    const pos = positionalWords(v, VALUE_OPTS);
    const device = pos.find((w) => w.text.startsWith('/dev/'))?.text ?? v.args.find((a) => a.startsWith('/dev/') && !NON_DISK.test(a));
    if (dry) return { ruleId: 'disks.mkfs.dry-run', risk: 'low', effect: 'read', summary: `${p} -n: shows what it would do`, tags: [] };
    if (!device) {
      const file = pos[0]?.text ?? '?';
      return { ruleId: 'disks.mkfs.image', risk: 'medium', effect: 'write', summary: `${p} formats ${file} (a file, not a device)`, targets: [{ kind: 'path', name: v.resolve(file) }], reversibility: 'irreversible', tags: ['data-loss'] };
    }
    return deviceFinding(v, 'disks.mkfs', device, `${p === 'mkswap' ? 'turns into swap' : 'formats'}`, 'critical', v.has('-f', '-F', '--force') ? ['confirmation-bypass'] : []);
  },
};

const PART_READ: Record<string, RegExp> = {
  fdisk: /^(-l|--list|-s|--getsz|-V|--version|-h|--help|-x|--list-details)$/,
  sfdisk: /^(-l|--list|-d|--dump|-J|--json|-s|--show-size|-V|--verify|--version|-h|--help|-g|--show-geometry|-F|--list-free|--part-type|--part-uuid|--part-label)$/,
  gdisk: /^(-l|--version)$/,
  sgdisk: /^(-p|--print|-i|--info|-v|--verify|-O|--print-mbr|-L|--list-types|-V|--version|-b|--backup)$/,
  cfdisk: /^$/,
  parted: /^(-l|--list|print|p|-v|--version|-h|--help|unit|help)$/,
};

const partition: Rule = {
  id: 'disks.partition',
  programs: ['fdisk', 'sfdisk', 'gdisk', 'sgdisk', 'cfdisk', 'parted', 'partx'],
  complete: true,
  description: 'fdisk/sfdisk/gdisk/parted: rewrites partition tables',
  check(v) {
    const p = v.program;
    if (p === 'partx') return undefined;
    const a = v.args;
    const readOnly = PART_READ[p] ?? /^$/;
    if (a.some((x) => readOnly.test(x))) {
      // parted -s /dev/sda print, sgdisk -p: reading. Anything else in parted's script still writes.
      const writes = p === 'parted' && a.some((x) => /^(mklabel|mktable|mkpart|rm|resizepart|resize|name|set|toggle|rescue|mkfs|cp|move)$/.test(x));
      const sgWrites = p === 'sgdisk' && a.some((x) => /^(-[ZozdnNtcCgGrRsUmlSa]|--zap|--zap-all|--clear|--new|--delete|--largest-new|--typecode|--change-name|--mbrtogpt|--load-backup|--randomize-guids|--sort|--transform-bsd|--replicate)/.test(x));
      if (!writes && !sgWrites) return { ruleId: 'disks.partition.read', risk: 'low', effect: 'read', summary: `${p}: lists partitions`, tags: [] };
    }
    if (p === 'sfdisk' && v.has('-n', '--no-act')) return { ruleId: 'disks.partition.read', risk: 'low', effect: 'read', summary: 'sfdisk --no-act: a dry run', tags: [] };
    const device = devicesIn(v)[0] ?? a.find((x) => x.startsWith('/dev/')) ?? '(a disk)';
    return deviceFinding(v, 'disks.partition', device, 'rewrites the partition table of');
  },
};

const wipefs: Rule = {
  id: 'disks.wipefs',
  programs: ['wipefs', 'blkdiscard', 'sg_format', 'hdparm', 'nvme', 'mdadm', 'zpool', 'zfs', 'lvremove', 'vgremove', 'pvremove', 'lvreduce', 'pvcreate', 'vgcreate', 'badblocks', 'sg_sanitize', 'dmsetup'],
  complete: true,
  description: 'Signature wipes, block discards, secure erase, RAID/LVM/ZFS destruction',
  check(v) {
    const p = v.program;
    const a = v.args;
    const dev = devicesIn(v)[0] ?? a.find((x) => x.startsWith('/dev/'));
    switch (p) {
      case 'wipefs':
        if (v.has('-n', '--no-act') || !(v.has('-a', '--all') || v.value('-o', '--offset') !== undefined || a.some((x) => x.startsWith('--offset')))) {
          return { ruleId: 'disks.wipefs.list', risk: 'low', effect: 'read', summary: 'wipefs: lists filesystem signatures', tags: [] };
        }
        return deviceFinding(v, 'disks.wipefs', dev ?? '(a device)', 'erases the filesystem signatures of', 'critical', v.has('-f', '--force') ? ['confirmation-bypass'] : []);
      case 'blkdiscard':
        return deviceFinding(v, 'disks.blkdiscard', dev ?? '(a device)', 'discards every block of');
      case 'sg_format': case 'sg_sanitize':
        if (!a.some((x) => /^--(format|crypto|block|overwrite|fail|zero)|^-[FBCOz]/.test(x)) && p === 'sg_format') return undefined;
        return deviceFinding(v, `disks.${p}`, dev ?? '(a device)', 'low-level formats');
      case 'hdparm':
        if (!a.some((x) => /^--(security-erase|security-erase-enhanced|trim-sector-ranges|write-sector|make-bad-sector|fwdownload)/.test(x))) return undefined;
        return deviceFinding(v, 'disks.hdparm', dev ?? '(a device)', 'securely erases');
      case 'nvme':
        if (!/^(format|sanitize|delete-ns|detach-ns)$/.test(a[0] ?? '')) return undefined;
        return deviceFinding(v, 'disks.nvme', dev ?? '(a device)', `nvme ${a[0]}:`);
      case 'badblocks':
        if (!v.has('-w')) return undefined;
        return deviceFinding(v, 'disks.badblocks', dev ?? '(a device)', 'destructively tests (overwrites)');
      case 'mdadm':
        if (!a.some((x) => /^(--zero-superblock|--create|-C|--fail|--remove|--stop|-S|--grow)$/.test(x))) return undefined;
        return deviceFinding(v, 'disks.mdadm', dev ?? '(an array)', `mdadm ${a.find((x) => x.startsWith('-'))}:`, a.some((x) => /^(--zero-superblock|--create|-C)$/.test(x)) ? 'critical' : 'high');
      case 'zpool':
        if (!/^(destroy|labelclear|create|remove|detach|offline|split)$/.test(a[0] ?? '')) return undefined;
        return { ...deviceFinding(v, 'disks.zpool', positionalWords(v).slice(1).map((w) => w.text).join(' ') || '(a pool)', `zpool ${a[0]}`, /^(destroy|labelclear|create)$/.test(a[0]!) ? 'critical' : 'high'), targets: [{ kind: 'volume', name: positionalWords(v)[1]?.text ?? '?' }] };
      case 'zfs':
        if (!/^(destroy|rollback|receive|recv)$/.test(a[0] ?? '')) return undefined;
        return { ...deviceFinding(v, 'disks.zfs', positionalWords(v).slice(1).map((w) => w.text).join(' ') || '(a dataset)', `zfs ${a[0]}`, a[0] === 'destroy' ? 'critical' : 'high', ['volume', ...(a.some((x) => x.includes('@')) ? (['backup'] as Tag[]) : [])]), targets: [{ kind: 'volume', name: positionalWords(v)[1]?.text ?? '?' }] };
      case 'dmsetup':
        if (!/^(remove|remove_all|wipe_table|clear)$/.test(a[0] ?? '')) return undefined;
        return deviceFinding(v, 'disks.dmsetup', positionalWords(v)[1]?.text ?? '(a mapping)', `dmsetup ${a[0]}`, 'high');
      default: {
        // lvremove/vgremove/pvremove/lvreduce/pvcreate/vgcreate
        const target = positionalWords(v, new Set(['-L', '--size', '-l', '--extents', '--config'])).map((w) => w.text).join(' ') || '(a volume)';
        return { ...deviceFinding(v, `disks.lvm`, target, `${p}`, /^(lvreduce|pvcreate|vgcreate)$/.test(p) ? 'high' : 'critical', ['volume', ...(v.has('-f', '-y', '--force', '--yes') ? (['confirmation-bypass'] as Tag[]) : [])]), targets: [{ kind: 'volume', name: target }] };
      }
    }
  },
};

const cryptsetup: Rule = {
  id: 'disks.cryptsetup',
  programs: ['cryptsetup'],
  complete: true,
  description: 'cryptsetup luksFormat/erase/luksKillSlot: destroys the encrypted volume or its keys',
  check(v) {
    const verb = positionalWords(v, VALUE_OPTS)[0]?.text ?? '';
    if (!/^(luksFormat|erase|luksErase|luksKillSlot|luksRemoveKey|reencrypt|tcryptDump|isLuks|luksDump|open|close|status|luksOpen|luksClose|benchmark|luksUUID|luksAddKey|luksHeaderBackup|resize|refresh|repair|convert|config|token)$/.test(verb)) return undefined;
    if (/^(luksFormat|erase|luksErase)$/.test(verb) || (verb === 'reencrypt' && v.has('--encrypt'))) {
      const dev = devicesIn(v, 1)[0] ?? positionalWords(v, VALUE_OPTS)[1]?.text ?? '(a device)';
      return deviceFinding(v, 'disks.cryptsetup', dev, verb === 'luksFormat' ? 'LUKS-formats' : 'erases the key slots of', 'critical', v.has('-q', '--batch-mode') ? ['confirmation-bypass'] : []);
    }
    if (/^(luksKillSlot|luksRemoveKey)$/.test(verb)) return { ruleId: 'disks.cryptsetup.key', risk: 'high', effect: 'delete', summary: `cryptsetup ${verb}: removes a key from the encrypted volume`, tags: ['disk', 'credential'], reversibility: 'irreversible' };
    if (/^(open|luksOpen|close|luksClose|resize|refresh|luksAddKey|reencrypt|repair|convert|config|token)$/.test(verb)) return { ruleId: 'disks.cryptsetup.manage', risk: 'medium', effect: 'privilege', summary: `cryptsetup ${verb}`, tags: ['disk'] };
    return undefined;
  },
};

const diskutil: Rule = {
  id: 'disks.diskutil',
  programs: ['diskutil', 'asr', 'gpt'],
  complete: true,
  description: 'macOS diskutil erase/partition/zero, asr restore --erase',
  check(v) {
    const a = v.args;
    const verb = a[0] ?? '';
    if (v.program === 'asr') return a.includes('--erase') || a.includes('-erase') ? deviceFinding(v, 'disks.asr', v.value('--target', '-target') ?? '(a volume)', 'erases and restores over') : undefined;
    if (v.program === 'gpt') return /^(create|destroy|add|remove|migrate|recover)$/.test(verb) ? deviceFinding(v, 'disks.gpt', a[a.length - 1] ?? '(a disk)', `gpt ${verb}:`) : undefined;
    const sub = verb === 'apfs' || verb === 'ap' || verb === 'cs' || verb === 'coreStorage' || verb === 'appleRAID' ? a[1] ?? '' : verb;
    if (/^(eraseDisk|eraseVolume|reformat|partitionDisk|zeroDisk|randomDisk|secureErase|eraseOptical|deleteContainer|deleteVolume|eraseSyncedVolume|resizeVolume|splitPartition|mergePartitions|deleteVolumeGroup|delete|destroy|deleteLVG|deleteLV|addPartition)$/.test(sub)) {
      return deviceFinding(v, 'disks.diskutil', a[a.length - 1] ?? '(a disk)', `diskutil ${a.slice(0, verb === sub ? 1 : 2).join(' ')}:`, /^(resizeVolume|addPartition)$/.test(sub) ? 'high' : 'critical');
    }
    if (/^(unmountDisk|unmount|umount|eject|mountDisk|mount|enableJournal|disableJournal|repairVolume|repairDisk|renameVolume)$/.test(sub)) return { ruleId: 'disks.diskutil.manage', risk: 'medium', effect: 'write', summary: `diskutil ${sub} ${a.slice(1).join(' ')}`, tags: ['disk'] };
    return undefined;
  },
};

const format: Rule = {
  id: 'disks.format',
  programs: ['format', 'format.com', 'FORMAT', 'Format.com'],
  complete: true,
  description: 'Windows format: erases a volume',
  check(v) {
    const drive = v.args.find((a) => /^[A-Za-z]:\\?$/.test(a)) ?? v.args.find((a) => /^[A-Za-z]:/.test(a));
    if (!drive) return undefined;
    return deviceFinding(v, 'disks.format', drive.toUpperCase().replace(/\\?$/, '\\'), 'formats the volume', 'critical', v.args.some((a) => /^\/(y|q|x)$/i.test(a)) ? ['confirmation-bypass'] : []);
  },
};

const deviceWrite: Rule = {
  id: 'disks.device-write',
  programs: 'any',
  description: 'Redirection, tee, cp or shred onto a block device (`cat image > /dev/sda`, `shred /dev/nvme0n1`)',
  check(v) {
    const targets = writeTargets(v);
    if (!targets.length || v.program === 'dd') return undefined;
    const out: Finding[] = [];
    for (const t of targets) {
      const p = t.word.text;
      if (!p.startsWith('/dev/') || NON_DISK.test(p) || t.mode === 'perm') continue;
      if (!isBlockDevice(p) && t.mode === 'delete' && v.program !== 'shred') continue;
      if (t.mode === 'delete' && v.program !== 'shred' && v.program !== 'srm') continue;
      out.push(deviceFinding(v, v.program === 'shred' || v.program === 'srm' ? 'disks.shred' : 'disks.device-write', p, v.program === 'shred' ? 'shreds' : `writes over the device (${t.via})`));
    }
    return out;
  },
};

export const rules: readonly Rule[] = [dd, mkfs, partition, wipefs, cryptsetup, diskutil, format, deviceWrite];
