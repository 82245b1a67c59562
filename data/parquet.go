package data

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"fmt"
	"io"
	"math"
	"math/big"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/apache/arrow-go/v18/parquet/schema"
)

// Parquet is read and written with arrow-go's parquet/file package
// directly, not through pqarrow: pqarrow links Arrow Flight and with it
// gRPC and protobuf, about 120 packages whose initialisation every run of
// staffcast paid, Parquet or not. The zone names of timestamp columns
// travel, as pqarrow stores them, in the Arrow schema under the
// "ARROW:schema" key, so pyarrow, DuckDB and pqarrow read them too.

const arrowSchemaKey = "ARROW:schema"

// pqBatch is the number of values read from a column at a time.
const pqBatch = 64 * 1024

// pqKind is how a Parquet column's values become a Column's.
type pqKind int

const (
	pqNumber  pqKind = iota // integers and floats
	pqDecimal               // DECIMAL: an unscaled integer and a scale
	pqTime                  // TIMESTAMP (or INT96): an instant, or wall time if not adjusted to UTC
	pqDate                  // DATE: days since 1970-01-01, a calendar date
	pqString                // BYTE_ARRAY text
)

// pqColumn describes one column of a Parquet file.
type pqColumn struct {
	name     string
	index    int
	kind     pqKind
	scale    int32         // pqDecimal
	unit     time.Duration // pqTime: the unit of the stored integer
	adjusted bool          // pqTime: an instant (else wall-clock time)
	zone     *time.Location
	physical parquet.Type
	unsigned bool // UINT32, UINT64 stored in signed integers
	maxDef   int16
}

// pqColumns describes the columns of a Parquet file, or names the first
// one staffcast cannot read.
func pqColumns(name string, pf *file.Reader) ([]pqColumn, error) {
	md := pf.MetaData()
	zones := storedZones(md.KeyValueMetadata())
	sc := md.Schema
	var cols []pqColumn
	for j := 0; j < sc.NumColumns(); j++ {
		c := sc.Column(j)
		pc := pqColumn{name: c.Name(), index: j, physical: c.PhysicalType(), maxDef: c.MaxDefinitionLevel()}
		bad := func(what string) error {
			return &ParseError{File: name, Column: c.Name(), Err: fmt.Errorf("unsupported column type %s: want a timestamp, date, number (integer, float, decimal) or string", what)}
		}
		if c.MaxRepetitionLevel() > 0 || c.ColumnPath().String() != c.Name() {
			return nil, bad("nested (a list or struct)")
		}
		switch lt := c.LogicalType().(type) {
		case schema.TimestampLogicalType:
			pc.kind, pc.adjusted = pqTime, lt.IsAdjustedToUTC()
			switch lt.TimeUnit() {
			case schema.TimeUnitMillis:
				pc.unit = time.Millisecond
			case schema.TimeUnitMicros:
				pc.unit = time.Microsecond
			default:
				pc.unit = time.Nanosecond
			}
			if pc.adjusted {
				pc.zone = time.UTC
				if z, ok := zones[c.Name()]; ok {
					pc.zone = z
				}
			}
		case schema.DateLogicalType:
			pc.kind = pqDate
		case schema.DecimalLogicalType:
			pc.kind, pc.scale = pqDecimal, lt.Scale()
		case schema.StringLogicalType, schema.EnumLogicalType, schema.JSONLogicalType:
			pc.kind = pqString
		case schema.IntLogicalType, schema.NoLogicalType, schema.NullLogicalType, nil:
			if it, ok := lt.(schema.IntLogicalType); ok {
				pc.unsigned = !it.IsSigned()
			}
			switch c.PhysicalType() {
			case parquet.Types.Int32, parquet.Types.Int64, parquet.Types.Float, parquet.Types.Double:
				pc.kind = pqNumber
			case parquet.Types.Int96: // Impala and old Spark timestamps
				pc.kind, pc.adjusted, pc.zone = pqTime, true, time.UTC
			case parquet.Types.ByteArray:
				pc.kind = pqString
			default:
				return nil, bad(c.PhysicalType().String())
			}
		default:
			return nil, bad(fmt.Sprint(c.LogicalType()))
		}
		if pc.kind != pqString && pc.kind != pqDecimal && c.PhysicalType() == parquet.Types.ByteArray {
			return nil, bad(fmt.Sprint(c.LogicalType()))
		}
		cols = append(cols, pc)
	}
	return cols, nil
}

// storedZones reads the zone names of timestamp columns from a stored
// Arrow schema; a file without one (DuckDB's) has instants in UTC.
func storedZones(kv metadata.KeyValueMetadata) map[string]*time.Location {
	zones := map[string]*time.Location{}
	s := kv.FindValue(arrowSchemaKey)
	if s == nil {
		return zones
	}
	raw, err := base64.StdEncoding.DecodeString(*s)
	if err != nil {
		if raw, err = base64.RawStdEncoding.DecodeString(*s); err != nil {
			return zones
		}
	}
	r, err := ipc.NewReader(bytes.NewReader(raw))
	if err != nil {
		return zones
	}
	defer r.Release()
	for _, f := range r.Schema().Fields() {
		if tt, ok := f.Type.(*arrow.TimestampType); ok && tt.TimeZone != "" {
			if z, err := loadArrowZone(tt.TimeZone); err == nil {
				zones[f.Name] = z
			}
		}
	}
	return zones
}

// loadArrowZone loads an Arrow timestamp zone: an IANA name, or a fixed
// offset such as +01:00.
func loadArrowZone(name string) (*time.Location, error) {
	if t, err := time.Parse("-07:00", name); err == nil {
		_, off := t.Zone()
		return fixedZone(off), nil
	}
	return time.LoadLocation(name)
}

// pqValues are the values of one batch of a column, nulls spread out:
// exactly one of the slices is used, by kind.
type pqValues struct {
	null []bool
	num  []float64
	tm   []time.Time
	text []string
}

// pqChunk reads a column chunk in batches.
type pqChunk struct {
	col   pqColumn
	batch int // values per batch; 0 means pqBatch
	cr    file.ColumnChunkReader
	def   []int16
	ints  []int64 // Int32 widened, Int64
	i32   []int32
	f32   []float32
	f64   []float64
	ba    []parquet.ByteArray
	fl    []parquet.FixedLenByteArray
	i96   []parquet.Int96
}

// next reads up to pqBatch values into v, converted with p; 0 at the end.
func (c *pqChunk) next(v *pqValues, p *timeParser) (int, error) {
	n := cmp.Or(c.batch, pqBatch)
	if len(c.def) < n {
		c.def = make([]int16, n)
	}
	def := c.def[:n]
	if c.col.maxDef == 0 {
		def = nil
	}
	var total int64
	var nv int
	var err error
	switch cr := c.cr.(type) {
	case *file.Int32ColumnChunkReader:
		c.i32 = grow(c.i32, n)
		total, nv, err = cr.ReadBatch(int64(n), c.i32, def, nil)
		c.ints = grow(c.ints, nv)
		for i := 0; i < nv; i++ {
			if c.col.unsigned {
				c.ints[i] = int64(uint32(c.i32[i]))
			} else {
				c.ints[i] = int64(c.i32[i])
			}
		}
	case *file.Int64ColumnChunkReader:
		c.ints = grow(c.ints, n)
		total, nv, err = cr.ReadBatch(int64(n), c.ints, def, nil)
	case *file.Float32ColumnChunkReader:
		c.f32 = grow(c.f32, n)
		total, nv, err = cr.ReadBatch(int64(n), c.f32, def, nil)
	case *file.Float64ColumnChunkReader:
		c.f64 = grow(c.f64, n)
		total, nv, err = cr.ReadBatch(int64(n), c.f64, def, nil)
	case *file.ByteArrayColumnChunkReader:
		c.ba = grow(c.ba, n)
		total, nv, err = cr.ReadBatch(int64(n), c.ba, def, nil)
	case *file.FixedLenByteArrayColumnChunkReader:
		c.fl = grow(c.fl, n)
		total, nv, err = cr.ReadBatch(int64(n), c.fl, def, nil)
	case *file.Int96ColumnChunkReader:
		c.i96 = grow(c.i96, n)
		total, nv, err = cr.ReadBatch(int64(n), c.i96, def, nil)
	default:
		return 0, fmt.Errorf("unsupported physical type %v", c.col.physical)
	}
	if err != nil {
		return 0, err
	}
	rows := int(total)
	if def == nil {
		rows = nv
	}
	v.null = grow(v.null, rows)
	v.num, v.tm, v.text = v.num[:0], v.tm[:0], v.text[:0]
	k := 0 // index of the next non-null value
	for i := 0; i < rows; i++ {
		null := def != nil && def[i] < c.col.maxDef
		v.null[i] = null
		if null {
			switch c.col.kind {
			case pqTime, pqDate:
				v.tm = append(v.tm, time.Time{})
			case pqString:
				v.text = append(v.text, "")
			default:
				v.num = append(v.num, math.NaN())
			}
			continue
		}
		if err := c.value(v, k, p); err != nil {
			return i, err
		}
		k++
	}
	return rows, nil
}

// value appends the k-th non-null value of the batch to v.
func (c *pqChunk) value(v *pqValues, k int, p *timeParser) error {
	switch c.col.kind {
	case pqString:
		var b []byte
		switch c.col.physical {
		case parquet.Types.ByteArray:
			b = c.ba[k]
		default:
			b = c.fl[k]
		}
		v.text = append(v.text, string(b))
	case pqNumber:
		switch c.col.physical {
		case parquet.Types.Float:
			v.num = append(v.num, float64(c.f32[k]))
		case parquet.Types.Double:
			v.num = append(v.num, c.f64[k])
		default:
			if c.col.unsigned {
				v.num = append(v.num, float64(uint64(c.ints[k])))
			} else {
				v.num = append(v.num, float64(c.ints[k]))
			}
		}
	case pqDecimal:
		var u float64
		switch c.col.physical {
		case parquet.Types.Int32, parquet.Types.Int64:
			u = float64(c.ints[k])
		case parquet.Types.ByteArray:
			u = bigEndianFloat(c.ba[k])
		default:
			u = bigEndianFloat(c.fl[k])
		}
		v.num = append(v.num, u/math.Pow10(int(c.col.scale)))
	case pqDate:
		d := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(c.ints[k]))
		t, err := p.local(d)
		if err != nil {
			return err
		}
		v.tm = append(v.tm, t)
	case pqTime:
		var t time.Time
		if c.col.physical == parquet.Types.Int96 {
			t = c.i96[k].ToTime()
		} else {
			n, perSec := c.ints[k], int64(time.Second/c.col.unit)
			sec, rem := n/perSec, n%perSec
			if rem < 0 {
				sec, rem = sec-1, rem+perSec
			}
			t = time.Unix(sec, rem*int64(c.col.unit)).UTC()
		}
		if !c.col.adjusted {
			var err error
			if t, err = p.local(t); err != nil {
				return err
			}
		} else {
			t = t.In(c.col.zone)
			if !p.keep {
				t = t.In(p.loc)
			}
		}
		v.tm = append(v.tm, t)
	}
	return nil
}

// bigEndianFloat reads a big-endian two's-complement integer.
func bigEndianFloat(b []byte) float64 {
	n := new(big.Int).SetBytes(b)
	if len(b) > 0 && b[0]&0x80 != 0 {
		n.Sub(n, new(big.Int).Lsh(big.NewInt(1), uint(8*len(b))))
	}
	f, _ := new(big.Float).SetInt(n).Float64()
	return f
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// openParquet opens a Parquet file held in r, turning the reader's
// panics on corrupt files into errors.
func openParquet(r io.Reader, name string) (pf *file.Reader, err error) {
	ras, ok := r.(parquet.ReaderAtSeeker)
	if !ok {
		buf, err := io.ReadAll(r)
		if err != nil {
			return nil, fmt.Errorf("data: %s: %w", name, err)
		}
		if len(buf) == 0 {
			return nil, &ParseError{File: name, Err: fmt.Errorf("%w: the file is empty", ErrEmpty)}
		}
		ras = bytes.NewReader(buf)
	}
	defer func() {
		if p := recover(); p != nil {
			pf, err = nil, &ParseError{File: name, Err: fmt.Errorf("not a readable Parquet file: %v", p)}
		}
	}()
	pf, err = file.NewParquetReader(ras)
	if err != nil {
		return nil, &ParseError{File: name, Err: fmt.Errorf("not a readable Parquet file: %v", err)}
	}
	return pf, nil
}

// scanParquet calls fn with each batch of the columns picked (by index
// into cols), in row order; row is the first row of the batch, from 0.
func scanParquet(name string, pf *file.Reader, cols []pqColumn, p *timeParser, fn func(row int, vals []*pqValues) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &ParseError{File: name, Err: fmt.Errorf("not a readable Parquet file: %v", r)}
		}
	}()
	vals := make([]*pqValues, len(cols))
	for j := range vals {
		vals[j] = &pqValues{}
	}
	row := 0
	for g := 0; g < pf.NumRowGroups(); g++ {
		rg := pf.RowGroup(g)
		chunks := make([]*pqChunk, len(cols))
		for j, c := range cols {
			cr, err := rg.Column(c.index)
			if err != nil {
				return &ParseError{File: name, Column: c.name, Err: fmt.Errorf("not a readable Parquet file: %v", err)}
			}
			chunks[j] = &pqChunk{col: c, cr: cr}
		}
		for left := int(rg.NumRows()); left > 0; {
			n := -1
			for j, ch := range chunks {
				m, err := ch.next(vals[j], p)
				if err != nil {
					return &ParseError{File: name, Row: row + m + 1, Column: ch.col.name, Err: err}
				}
				if n >= 0 && m != n || m == 0 {
					return &ParseError{File: name, Row: row + 1, Err: fmt.Errorf("not a readable Parquet file: columns of unequal length")}
				}
				n = m
			}
			if err := fn(row, vals); err != nil {
				return err
			}
			row += n
			left -= n
		}
	}
	return nil
}

// readParquet reads a whole Parquet file as a table.
func readParquet(r io.Reader, name string, opt ReadOptions) (*Table, error) {
	pf, err := openParquet(r, name)
	if err != nil {
		return nil, err
	}
	defer pf.Close()
	cols, err := pqColumns(name, pf)
	if err != nil {
		return nil, err
	}
	tcol := opt.timeColumn()
	out := &Table{file: name}
	out.Columns = pqTableColumns(cols, tcol)
	p := opt.parser()
	err = scanParquet(name, pf, cols, &p, func(row int, vals []*pqValues) error {
		return appendPqBatch(out, name, cols, tcol, &p, row, vals)
	})
	if err != nil {
		return nil, err
	}
	if c := out.Column(tcol); c == nil || c.Time == nil {
		return nil, &ParseError{File: name, Column: tcol, Err: fmt.Errorf("%w: no timestamp column %q", ErrMissingColumn, tcol)}
	}
	if out.Len() == 0 {
		return nil, &ParseError{File: name, Err: fmt.Errorf("%w: the file has no rows", ErrEmpty)}
	}
	return out, nil
}

// pqTableColumns returns empty columns of the types cols are read as.
func pqTableColumns(cols []pqColumn, tcol string) []Column {
	out := make([]Column, 0, len(cols))
	for _, c := range cols {
		col := Column{Name: c.name}
		switch {
		case c.kind == pqTime || c.kind == pqDate || c.name == tcol:
			col.Time = []time.Time{}
		case c.kind == pqString:
			col.Text = []string{}
		default:
			col.Float = []float64{}
		}
		out = append(out, col)
	}
	return out
}

// appendPqBatch appends a batch of values (vals[j] of cols[j]), the first
// of which is row, to the columns of out, parsing text times in the time
// column tcol.
func appendPqBatch(out *Table, name string, cols []pqColumn, tcol string, p *timeParser, row int, vals []*pqValues) error {
	for j, c := range cols {
		col := &out.Columns[j]
		v := vals[j]
		switch {
		case c.name == tcol && c.kind == pqString:
			for i, s := range v.text {
				if v.null[i] {
					return &ParseError{File: name, Row: row + i + 1, Column: c.name, Err: fmt.Errorf("%w: empty timestamp", ErrBadTime)}
				}
				t, err := p.parse(s)
				if err != nil {
					return &ParseError{File: name, Row: row + i + 1, Column: c.name, Value: s, Err: err}
				}
				col.Time = append(col.Time, t)
			}
		case c.name == tcol && col.Time != nil && (c.kind == pqTime || c.kind == pqDate):
			for i := range v.tm {
				if v.null[i] {
					return &ParseError{File: name, Row: row + i + 1, Column: c.name, Err: fmt.Errorf("%w: empty timestamp", ErrBadTime)}
				}
			}
			col.Time = append(col.Time, v.tm...)
		case c.name == tcol:
			return &ParseError{File: name, Column: c.name, Err: fmt.Errorf("%w: column %q has type %v, want a timestamp", ErrBadTime, c.name, c.physical)}
		case col.Time != nil:
			col.Time = append(col.Time, v.tm...)
		case col.Text != nil:
			col.Text = append(col.Text, v.text...)
		default:
			col.Float = append(col.Float, v.num...)
		}
	}
	return nil
}

// writeParquet writes t as one row group per 64 Ki rows: times as
// microsecond timestamps adjusted to UTC, with the zone name of the first
// value in the stored Arrow schema; floats as nullable doubles; text as
// UTF-8 strings.
func writeParquet(w io.Writer, t *Table) error {
	pw, err := newParquetWriter(w, t)
	if err != nil {
		return err
	}
	n := t.Len()
	for lo := 0; lo < n || lo == 0; lo += pqBatch {
		if err := writePqGroup(pw, t, lo, min(lo+pqBatch, n)); err != nil {
			return err
		}
		if n == 0 {
			break
		}
	}
	return pw.Close()
}

// newParquetWriter starts a Parquet file for tables with t's columns.
func newParquetWriter(w io.Writer, t *Table) (*file.Writer, error) {
	fields := make(schema.FieldList, len(t.Columns))
	afields := make([]arrow.Field, len(t.Columns))
	for j, c := range t.Columns {
		var err error
		switch {
		case c.Time != nil:
			fields[j], err = schema.NewPrimitiveNodeLogical(c.Name, parquet.Repetitions.Optional, schema.NewTimestampLogicalType(true, schema.TimeUnitMicros), parquet.Types.Int64, 0, -1)
			afields[j] = arrow.Field{Name: c.Name, Type: &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: zoneName(c.Time)}, Nullable: true}
		case c.Float != nil:
			fields[j], err = schema.NewPrimitiveNode(c.Name, parquet.Repetitions.Optional, parquet.Types.Double, -1, -1)
			afields[j] = arrow.Field{Name: c.Name, Type: arrow.PrimitiveTypes.Float64, Nullable: true}
		default:
			fields[j], err = schema.NewPrimitiveNodeLogical(c.Name, parquet.Repetitions.Optional, schema.StringLogicalType{}, parquet.Types.ByteArray, -1, -1)
			afields[j] = arrow.Field{Name: c.Name, Type: arrow.BinaryTypes.String, Nullable: true}
		}
		if err != nil {
			return nil, fmt.Errorf("data: parquet column %q: %w", c.Name, err)
		}
	}
	root, err := schema.NewGroupNode("schema", parquet.Repetitions.Required, fields, -1)
	if err != nil {
		return nil, err
	}
	var sbuf bytes.Buffer
	iw := ipc.NewWriter(&sbuf, ipc.WithSchema(arrow.NewSchema(afields, nil)))
	if err := iw.Close(); err != nil {
		return nil, err
	}
	meta := metadata.NewKeyValueMetadata()
	meta.Append(arrowSchemaKey, base64.StdEncoding.EncodeToString(sbuf.Bytes()))
	return file.NewParquetWriterWithError(w, root, file.WithWriteMetadata(meta), file.WithWriterProps(parquet.NewWriterProperties(parquet.WithCreatedBy("staffcast"))))
}

// writePqGroup writes rows [lo, hi) of t as a row group.
func writePqGroup(pw *file.Writer, t *Table, lo, hi int) error {
	rg, err := pw.AppendRowGroupChecked()
	if err != nil {
		return err
	}
	for j := range t.Columns {
		cw, err := rg.NextColumn()
		if err != nil {
			return err
		}
		if err := writePqColumn(cw, &t.Columns[j], lo, hi); err != nil {
			return err
		}
	}
	return rg.Close()
}

func writePqColumn(cw file.ColumnChunkWriter, c *Column, lo, hi int) error {
	def := make([]int16, hi-lo)
	var err error
	switch w := cw.(type) {
	case *file.Int64ColumnChunkWriter:
		vals := make([]int64, 0, hi-lo)
		for i, v := range c.Time[lo:hi] {
			if !v.IsZero() {
				def[i] = 1
				vals = append(vals, v.UnixMicro())
			}
		}
		_, err = w.WriteBatch(vals, def, nil)
	case *file.Float64ColumnChunkWriter:
		vals := make([]float64, 0, hi-lo)
		for i, v := range c.Float[lo:hi] {
			if !math.IsNaN(v) {
				def[i] = 1
				vals = append(vals, v)
			}
		}
		_, err = w.WriteBatch(vals, def, nil)
	case *file.ByteArrayColumnChunkWriter:
		vals := make([]parquet.ByteArray, hi-lo)
		for i, s := range c.Text[lo:hi] {
			def[i] = 1
			vals[i] = parquet.ByteArray(s)
		}
		_, err = w.WriteBatch(vals, def, nil)
	}
	if err != nil {
		return err
	}
	return cw.Close()
}

// zoneName is the name of the zone of the first time in ts, for the
// stored schema: a fixed offset (a row read with its own offset) as
// +01:00, which Arrow accepts as a zone.
func zoneName(ts []time.Time) string {
	for _, v := range ts {
		if v.IsZero() {
			continue
		}
		name := v.Location().String()
		if name == "" || name == "Local" {
			if _, off := v.Zone(); off != 0 || name == "" {
				return v.Format("-07:00")
			}
			return "UTC"
		}
		return name
	}
	return "UTC"
}
