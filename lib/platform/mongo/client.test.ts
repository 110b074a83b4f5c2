import { databaseName, DEFAULT_DATABASE, withDatabase } from './client';

describe('the database a MongoDB URI names', () => {
  it('is the path of the URI', () => {
    expect(databaseName('mongodb://db1:27017,db2:27017/catalog?replicaSet=rs0')).toBe('catalog');
    expect(databaseName('mongodb+srv://user:secret@cluster.example.net/prod')).toBe('prod');
  });

  it('defaults to "streaming" when the URI names none', () => {
    expect(DEFAULT_DATABASE).toBe('streaming');
    expect(databaseName('mongodb://127.0.0.1:27017')).toBe('streaming');
    expect(databaseName('mongodb://127.0.0.1:27017/')).toBe('streaming');
    expect(databaseName('mongodb://127.0.0.1:27017/?directConnection=true')).toBe('streaming');
  });

  it('can be replaced, keeping hosts and options', () => {
    expect(withDatabase('mongodb://db1,db2/catalog?replicaSet=rs0', 'test_1')).toBe(
      'mongodb://db1,db2/test_1?replicaSet=rs0',
    );
    expect(withDatabase('mongodb://127.0.0.1:27017', 'test_2')).toBe('mongodb://127.0.0.1:27017/test_2');
  });
});
