package data

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Parquet has no seconds unit for timestamps; microseconds keep every
// time this package meets exactly and are what Parquet readers expect.
const timestampUnit = arrow.Microsecond

// toRecord converts t to an Arrow record. Time columns become timestamps
// in microseconds carrying the zone name of their first value, so that a
// round trip gives back the same offsets; NaN becomes null.
func toRecord(t *Table) (arrow.RecordBatch, error) {
	fields := make([]arrow.Field, len(t.Columns))
	for j, c := range t.Columns {
		switch {
		case c.Time != nil:
			tz, nulls := "", false
			for _, v := range c.Time {
				if v.IsZero() {
					nulls = true
				} else if tz == "" {
					tz = v.Location().String()
				}
			}
			if tz == "" || tz == "Local" {
				tz = "UTC"
			}
			fields[j] = arrow.Field{Name: c.Name, Type: &arrow.TimestampType{Unit: timestampUnit, TimeZone: tz}, Nullable: nulls}
		case c.Float != nil:
			fields[j] = arrow.Field{Name: c.Name, Type: arrow.PrimitiveTypes.Float64, Nullable: true}
		default:
			fields[j] = arrow.Field{Name: c.Name, Type: arrow.BinaryTypes.String}
		}
	}
	schema := arrow.NewSchema(fields, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for j, c := range t.Columns {
		switch fb := b.Field(j).(type) {
		case *array.TimestampBuilder:
			for _, v := range c.Time {
				if v.IsZero() {
					fb.AppendNull()
				} else {
					fb.Append(arrow.Timestamp(v.UnixMicro()))
				}
			}
		case *array.Float64Builder:
			for _, v := range c.Float {
				if math.IsNaN(v) {
					fb.AppendNull()
				} else {
					fb.Append(v)
				}
			}
		case *array.StringBuilder:
			fb.AppendValues(c.Text, nil)
		}
	}
	return b.NewRecordBatch(), nil
}

func writeArrow(w io.Writer, t *Table) error {
	rec, err := toRecord(t)
	if err != nil {
		return err
	}
	defer rec.Release()
	fw, err := ipc.NewFileWriter(w, ipc.WithSchema(rec.Schema()))
	if err != nil {
		return err
	}
	if err := fw.Write(rec); err != nil {
		return err
	}
	return fw.Close()
}

// readArrow reads an Arrow IPC file. Timestamps keep their unit (s, ms,
// µs, ns from the column type); a timestamp with a zone is an instant,
// one without a zone is wall-clock time in opt.Location.
func readArrow(r io.Reader, name string, opt ReadOptions) (tbl *Table, err error) {
	buf, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("data: %s: %w", name, err)
	}
	if len(buf) == 0 {
		return nil, &ParseError{File: name, Err: fmt.Errorf("%w: the file is empty", ErrEmpty)}
	}
	// The Arrow and Parquet readers panic on some corrupt files; a bad
	// file must be an error, never a crash.
	defer func() {
		if p := recover(); p != nil {
			tbl, err = nil, &ParseError{File: name, Err: fmt.Errorf("not a readable Arrow file: %v", p)}
		}
	}()
	fr, err := ipc.NewFileReader(bytes.NewReader(buf))
	if err != nil {
		return nil, &ParseError{File: name, Err: fmt.Errorf("not a readable Arrow IPC file: %v", err)}
	}
	defer fr.Close()
	schema := fr.Schema()
	columns := make([][]arrow.Array, len(schema.Fields())) // per column, its chunks
	for i := 0; i < fr.NumRecords(); i++ {
		rec, err := fr.RecordBatch(i)
		if err != nil {
			return nil, &ParseError{File: name, Err: fmt.Errorf("not a readable Arrow IPC file: %v", err)}
		}
		for j := range columns {
			columns[j] = append(columns[j], rec.Column(j))
		}
	}
	p := opt.parser()
	tcol := opt.timeColumn()
	out := &Table{file: name}
	for j, fld := range schema.Fields() {
		col, err := arrowColumn(name, fld, columns[j], p, fld.Name == tcol)
		if err != nil {
			return nil, err
		}
		out.Columns = append(out.Columns, col)
	}
	if c := out.Column(tcol); c == nil || c.Time == nil {
		return nil, &ParseError{File: name, Column: tcol, Err: fmt.Errorf("%w: no timestamp column %q", ErrMissingColumn, tcol)}
	}
	if out.Len() == 0 {
		return nil, &ParseError{File: name, Err: fmt.Errorf("%w: the file has no rows", ErrEmpty)}
	}
	return out, nil
}

func arrowColumn(file string, fld arrow.Field, chunks []arrow.Array, p timeParser, isTime bool) (Column, error) {
	col := Column{Name: fld.Name}
	row := 0
	var zone *time.Location // the zone of the timestamps, loaded once
	bad := func(err error) error { return &ParseError{File: file, Row: row + 1, Column: fld.Name, Err: err} }
	for _, ch := range chunks {
		for i := 0; i < ch.Len(); i, row = i+1, row+1 {
			null := ch.IsNull(i)
			switch a := ch.(type) {
			case *array.Timestamp:
				if null && !isTime {
					col.Time = append(col.Time, time.Time{}) // a missing time beside the start
					continue
				}
				if null {
					return col, bad(fmt.Errorf("%w: empty timestamp", ErrBadTime))
				}
				tt := a.DataType().(*arrow.TimestampType)
				v := a.Value(i).ToTime(tt.Unit)
				if tt.TimeZone != "" {
					if zone == nil || zone.String() != tt.TimeZone {
						var err error
						if zone, err = loadArrowZone(tt.TimeZone); err != nil {
							return col, bad(fmt.Errorf("%w: unknown time zone %q", ErrBadTime, tt.TimeZone))
						}
					}
					v = v.In(zone)
					if !p.keep {
						v = v.In(p.loc)
					}
				} else {
					var err error
					if v, err = p.local(v); err != nil {
						return col, bad(err)
					}
				}
				col.Time = append(col.Time, v)
			case *array.Date32, *array.Date64:
				// A calendar date (a daily series): local midnight.
				if null && !isTime {
					col.Time = append(col.Time, time.Time{})
					continue
				}
				if null {
					return col, bad(fmt.Errorf("%w: empty date", ErrBadTime))
				}
				var d time.Time
				if a32, ok := a.(*array.Date32); ok {
					d = a32.Value(i).ToTime()
				} else {
					d = a.(*array.Date64).Value(i).ToTime()
				}
				v, err := p.local(d)
				if err != nil {
					return col, bad(err)
				}
				col.Time = append(col.Time, v)
			case *array.String:
				if isTime {
					v, err := p.parse(a.Value(i))
					if err != nil {
						return col, bad(err)
					}
					col.Time = append(col.Time, v)
				} else {
					col.Text = append(col.Text, a.Value(i))
				}
			case *array.Float64:
				col.Float = append(col.Float, nullOr(null, a.Value(i)))
			case *array.Float32:
				col.Float = append(col.Float, nullOr(null, float64(a.Value(i))))
			case *array.Int64:
				col.Float = append(col.Float, nullOr(null, float64(a.Value(i))))
			case *array.Int32:
				col.Float = append(col.Float, nullOr(null, float64(a.Value(i))))
			case *array.Uint32:
				col.Float = append(col.Float, nullOr(null, float64(a.Value(i))))
			case *array.Uint64:
				col.Float = append(col.Float, nullOr(null, float64(a.Value(i))))
			case *array.Int16:
				col.Float = append(col.Float, nullOr(null, float64(a.Value(i))))
			case *array.Int8:
				col.Float = append(col.Float, nullOr(null, float64(a.Value(i))))
			case *array.Uint16:
				col.Float = append(col.Float, nullOr(null, float64(a.Value(i))))
			case *array.Uint8:
				col.Float = append(col.Float, nullOr(null, float64(a.Value(i))))
			// DECIMAL (money, sums): the nearest float64, exact to 15
			// significant digits, which is beyond any count or amount
			// below MaxValue with cents.
			case *array.Decimal32:
				col.Float = append(col.Float, nullOr(null, a.Value(i).ToFloat64(decimalScale(fld))))
			case *array.Decimal64:
				col.Float = append(col.Float, nullOr(null, a.Value(i).ToFloat64(decimalScale(fld))))
			case *array.Decimal128:
				col.Float = append(col.Float, nullOr(null, a.Value(i).ToFloat64(decimalScale(fld))))
			case *array.Decimal256:
				col.Float = append(col.Float, nullOr(null, a.Value(i).ToFloat64(decimalScale(fld))))
			default:
				return col, bad(fmt.Errorf("unsupported column type %v: want a timestamp, date, number (integer, float, decimal) or string", fld.Type))
			}
		}
	}
	if isTime && col.Time == nil {
		return col, &ParseError{File: file, Column: fld.Name, Err: fmt.Errorf("%w: column %q has type %v, want a timestamp", ErrBadTime, fld.Name, fld.Type)}
	}
	if col.Time == nil && col.Float == nil && col.Text == nil {
		col.Float = []float64{}
	}
	return col, nil
}

func decimalScale(fld arrow.Field) int32 {
	return fld.Type.(arrow.DecimalType).GetScale()
}

func nullOr(null bool, v float64) float64 {
	if null {
		return math.NaN()
	}
	return v
}
